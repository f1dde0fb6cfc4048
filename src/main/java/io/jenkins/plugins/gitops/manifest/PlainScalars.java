package io.jenkins.plugins.gitops.manifest;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Whether a string can be written unquoted in YAML and read back as the same string. */
final class PlainScalars {

    private PlainScalars() {}

    /**
     * {@code 1.10}, {@code 10}, {@code true}, {@code 1:20} and the empty string would read back as a number,
     * a boolean, a sexagesimal or null under YAML 1.1 rules, which Helm's and kustomize's readers share in part.
     */
    static boolean readBackAsString(String value) {
        if (value.isEmpty()) {
            return false;
        }
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        try {
            return Map.of("k", value).equals(yaml.load("k: " + value))
                    && List.of(value).equals(yaml.load("[" + value + "]"));
        } catch (YAMLException notPlain) {
            return false;
        }
    }
}
