package io.jenkins.plugins.gitops.agent.apply;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The label the applier sets on every object it applies, {@value #KEY}: {@code <environment>}, so that
 * the agent's LISTs and watches can ask the API server for its own objects alone instead of every
 * object of a kind in the cluster (a cluster's Helm release Secrets are about 1 MB each). The
 * environment as value keeps two environments applying into one namespace apart.
 *
 * @param value the environment's name, {@value #NO_ENVIRONMENT} for an agent given none
 */
public record ManagedLabel(String value) {

    public static final String KEY = "gitops.jenkins.io/environment";
    public static final String NO_ENVIRONMENT = "default";

    /** Objects per page of every LIST of the agent (kubectl's chunk size), so no response holds a whole kind. */
    public static final int PAGE_SIZE = 500;

    /** What Kubernetes takes as a label value. */
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

    public ManagedLabel {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || !LABEL_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' cannot be the value of the label " + KEY
                    + ": at most 63 letters, digits, '-', '_' or '.', beginning and ending with a letter or digit");
        }
    }

    /** The label of an environment; {@value #NO_ENVIRONMENT} when the name is blank. */
    public static ManagedLabel of(String environment) {
        return new ManagedLabel(environment == null || environment.isBlank() ? NO_ENVIRONMENT : environment.strip());
    }

    /** The label selector of the objects carrying this label. */
    public String selector() {
        return KEY + "=" + value;
    }

    /** Sets the label on {@code object} (a tree the caller owns), whatever value Git gave it. */
    @SuppressWarnings("unchecked")
    Map<String, Object> setOn(Map<String, Object> object) {
        Map<String, Object> metadata = (Map<String, Object>) object.computeIfAbsent("metadata", key -> new LinkedHashMap<>());
        ((Map<String, Object>) metadata.computeIfAbsent("labels", key -> new LinkedHashMap<>())).put(KEY, value);
        return object;
    }
}
