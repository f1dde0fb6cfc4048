package io.jenkins.plugins.gitops.notification;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a trigger may react to. */
public enum Transition {
    /** A resource is drifted or missing where none was. */
    DRIFT("drift", "Drift appears"),
    /** The environment's health becomes Degraded. */
    DEGRADED("degraded", "Health becomes Degraded"),
    /** A revision fails to apply (phase Failed). */
    FAILED("failed", "A revision fails to apply"),
    /** A revision not synced before is synced. */
    SYNCED("synced", "A new revision is synced");

    private final String id;
    private final String title;

    Transition(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** As configurations and the build parameter write it: {@code drift}, {@code degraded}, {@code failed}, {@code synced}. */
    public String id() {
        return id;
    }

    /** As the job's configuration shows it. */
    public String title() {
        return title;
    }

    /** @throws IllegalArgumentException naming the value and the ones there are */
    public static Transition parse(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(transition -> transition.id.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a transition; use one of "
                        + Arrays.stream(values()).map(Transition::id).collect(Collectors.joining(", "))));
    }
}
