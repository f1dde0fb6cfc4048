package io.jenkins.plugins.gitops.agent.apply;

import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import io.jenkins.plugins.gitops.manifest.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Desired objects for tests, written as YAML the way the renderer would hand them over. */
final class Manifests {

    private Manifests() {}

    /** The objects of a multi-document YAML text, each located at its document's position in {@code file}. */
    @SuppressWarnings("unchecked")
    static List<ManifestObject> parse(String file, String yaml) {
        List<ManifestObject> objects = new ArrayList<>();
        int line = 1;
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (!document.isBlank()) {
                Map<String, Object> content = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(document);
                Map<String, Object> metadata = (Map<String, Object>) content.get("metadata");
                String apiVersion = (String) content.get("apiVersion");
                ResourceId id = ResourceId.of(apiVersion, (String) content.get("kind"),
                        (String) metadata.get("namespace"), (String) metadata.get("name"));
                objects.add(new ManifestObject(id, apiVersion, content, new SourceLocation(file, line)));
            }
            line += document.split("\n", -1).length;
        }
        return objects;
    }
}
