package io.jenkins.plugins.gitops.drift;

import java.time.Instant;
import java.util.Objects;

/**
 * One field whose live value is not what Git says. Values are JSON values (maps, lists, strings,
 * numbers, booleans), already masked where secret, and cannot be changed.
 *
 * @param path where, as a JSON pointer into the desired object (list indices are Git's); a Secret's
 *     {@code stringData} entry is compared, and shown, as the {@code data} entry it becomes
 * @param desired the value in Git, null when Git does not set it
 * @param live the value in the cluster, null when the cluster does not have it
 * @param manager the field manager that last set the live field ({@code kubectl-edit}), null when unknown
 * @param changedAt when that manager last wrote it, null when unknown
 */
public record FieldDrift(JsonPointer path, Object desired, Object live, String manager, Instant changedAt) {

    private static final int SHOWN_VALUE_LENGTH = 80;

    public FieldDrift {
        Objects.requireNonNull(path, "path");
        desired = JsonValues.immutableCopy(desired);
        live = JsonValues.immutableCopy(live);
    }

    /** {@code /spec/replicas: git 3, live 5, set by kubectl-edit at 2026-11-22T10:00:00Z}, on one line. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder()
                .append(path)
                .append(": git ")
                .append(shown(desired))
                .append(", live ")
                .append(shown(live));
        if (manager != null) {
            text.append(", set by ").append(manager);
            if (changedAt != null) {
                text.append(" at ").append(changedAt);
            }
        }
        return text.toString();
    }

    private static String shown(Object value) {
        if (value == null) {
            return "absent";
        }
        String json = JsonValues.render(value);
        return json.length() <= SHOWN_VALUE_LENGTH ? json : json.substring(0, SHOWN_VALUE_LENGTH - 3) + "...";
    }
}
