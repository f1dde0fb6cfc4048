package io.jenkins.plugins.gitops.agent.watch;

import io.jenkins.plugins.gitops.agent.apply.Applier;
import io.jenkins.plugins.gitops.agent.apply.ApplyException;
import io.jenkins.plugins.gitops.agent.health.HealthCheck;
import io.jenkins.plugins.gitops.drift.DriftDetector;
import io.jenkins.plugins.gitops.drift.IgnoreRule;
import io.jenkins.plugins.gitops.drift.ScaleTargets;
import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one comparison of a desired object with the cluster, which the drift watch and the {@code diff}
 * command both make: {@link DriftDetector} against the server's rendition of the desired object
 * ({@link Applier#rendition}: no request while the object holds what the agent applied, else a
 * server-side dry-run apply that stores nothing), and the live object's health. A rendition the server
 * cannot give is logged in one line naming the object, and the comparison falls back on the detector's
 * normalisations.
 *
 * <p>One comparison serves one pass over the cluster, as the autoscalers' targets are read for it.
 */
public final class LiveComparison {

    private static final System.Logger LOG = System.getLogger(LiveComparison.class.getName());

    private final Applier applier;
    private final DriftDetector detector;

    /**
     * @param applier the applier whose field manager and strategy the rendition is asked for; nothing is applied
     * @param autoscaled the workloads autoscalers drive ({@link #scaleTargets})
     */
    public LiveComparison(Applier applier, List<IgnoreRule> ignoreRules, Set<ResourceId> autoscaled) {
        this.applier = Objects.requireNonNull(applier, "applier");
        this.detector = new DriftDetector(ignoreRules, autoscaled);
    }

    /**
     * @param live the object as the API server returns it, or null when it does not exist
     * @return its drift from Git, secret values masked, and its health
     */
    public Observation compare(ManifestObject desired, Map<String, Object> live) {
        return new Observation(detector.compare(desired, live, renditionOf(desired, live)), HealthCheck.of(live));
    }

    /**
     * The workloads the given HorizontalPodAutoscalers scale; one without a complete target is logged
     * at debug level and left out.
     */
    public static Set<ResourceId> scaleTargets(Collection<? extends Map<String, Object>> autoscalers) {
        Set<ResourceId> targets = new HashSet<>();
        for (Map<String, Object> autoscaler : autoscalers) {
            try {
                targets.addAll(ScaleTargets.of(List.of(autoscaler)));
            } catch (IllegalArgumentException incomplete) {
                LOG.log(Level.DEBUG, incomplete.getMessage());
            }
        }
        return Set.copyOf(targets);
    }

    /** What the server makes of the desired object; null, for the comparison by normalisations alone, when it cannot say. */
    private Map<String, Object> renditionOf(ManifestObject object, Map<String, Object> live) {
        try {
            return applier.rendition(object, live).orElse(null);
        } catch (ApplyException e) {
            LOG.log(Level.WARNING, "Comparing {0} without the server''s rendition: {1}", object.id(), e.getMessage());
            return null;
        }
    }
}
