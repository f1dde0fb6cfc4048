package io.jenkins.plugins.gitops.agent.apply;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields a write was refused for because they cannot change once the object exists: a Job's
 * {@code spec.template}, a Service's {@code spec.clusterIPs[0]}, a Deployment's {@code spec.selector},
 * a PersistentVolumeClaim's {@code spec}. The server answers 422 Invalid with one cause per field; its
 * messages quote whole objects, so only the field paths are kept.
 *
 * @param fields the field paths as the server names them, each once, in its order
 */
record ImmutableFields(List<String> fields) {

    /**
     * The wordings of the API server's validation for fields that cannot change: {@code field is immutable},
     * {@code spec is immutable after creation ...}, {@code may not change once set}, and StatefulSet's
     * {@code updates to statefulset spec for fields other than ... are forbidden}.
     */
    private static final Pattern IMMUTABLE =
            Pattern.compile("immutable|may not change once set|^Forbidden: updates to .* are forbidden", Pattern.DOTALL);

    ImmutableFields {
        fields = List.copyOf(fields);
    }

    /**
     * The fields, when the server refused the write as Invalid for immutable fields alone; empty for any
     * other failure, and when another cause is a plain invalid value (creating the object again would
     * be refused too).
     */
    static Optional<ImmutableFields> of(KubernetesClientException e) {
        Status status = e.getStatus();
        if (e.getCode() != 422 || status == null || status.getDetails() == null) {
            return Optional.empty();
        }
        List<StatusCause> causes = status.getDetails().getCauses();
        if (causes == null || causes.isEmpty()) {
            return Optional.empty();
        }
        Set<String> fields = new LinkedHashSet<>();
        for (StatusCause cause : causes) {
            if (cause.getMessage() == null || cause.getField() == null || !IMMUTABLE.matcher(cause.getMessage()).find()) {
                return Optional.empty();
            }
            fields.add(cause.getField());
        }
        return Optional.of(new ImmutableFields(List.copyOf(fields)));
    }

    /** {@code field spec.template} or {@code fields spec.selector, spec.template}. */
    String describe() {
        return (fields.size() == 1 ? "field " : "fields ") + String.join(", ", fields);
    }
}
