package io.jenkins.plugins.gitops.drift;

import io.jenkins.plugins.gitops.manifest.ManifestObject;
import io.jenkins.plugins.gitops.manifest.ResourceId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares desired objects from Git with live objects from the API server. Only the fields the desired
 * object sets count, so server defaults never show as drift. Given the server's rendition of the
 * desired object (what a server-side apply of it would store), a field drifts only where the live
 * value is not the rendered one, so nothing the server does to Git's text (omitting zero values,
 * canonical quantities, defaults) is drift; without one, the normalisations the package
 * documentation lists are all there is. A {@code /spec/replicas} that a HorizontalPodAutoscaler drives, and fields under an
 * {@link IgnoreRule}, are left out as if Git did not set them. Each drifted field names its last writer from
 * {@code managedFields}, and secret values are masked (see {@link SecretMask}): when both sides of a
 * masked field exist and differ, Git's shows {@value SecretMask#BEFORE} and the live one
 * {@value SecretMask#AFTER}; a masked value on one side only shows {@value SecretMask#MASK}.
 *
 * <p>Pure: no I/O, and the inputs are not changed. One detector serves one pass over a cluster, as
 * the autoscaler targets are read from it.
 */
public final class DriftDetector {

    private static final JsonPointer REPLICAS = JsonPointer.of("spec", "replicas");

    private final List<IgnoreRule> ignoreRules;
    private final Set<ResourceId> autoscaled;

    /**
     * @param ignoreRules fields not to report
     * @param autoscaled the workloads HorizontalPodAutoscalers scale ({@link ScaleTargets#of})
     */
    public DriftDetector(List<IgnoreRule> ignoreRules, Set<ResourceId> autoscaled) {
        this.ignoreRules = List.copyOf(ignoreRules);
        this.autoscaled = Set.copyOf(autoscaled);
    }

    /** The comparison when the server cannot be asked for a rendition: by the normalisations alone. */
    public ObjectDrift compare(ManifestObject desired, Map<String, Object> live) {
        return compare(desired.id(), desired.content(), live, null);
    }

    /** The comparison when the server cannot be asked for a rendition: by the normalisations alone. */
    public ObjectDrift compare(ResourceId id, Map<String, Object> desired, Map<String, Object> live) {
        return compare(id, desired, live, null);
    }

    /**
     * @param live the object as the API server returns it, or null when it does not exist
     * @param rendition what a server-side apply of {@code desired} would make the object (a dry run's
     *     response, or the live object when it provably holds what the agent applied); null when the
     *     server was not asked
     */
    public ObjectDrift compare(ManifestObject desired, Map<String, Object> live, Map<String, Object> rendition) {
        return compare(desired.id(), desired.content(), live, rendition);
    }

    /**
     * @param id the identity of both objects
     * @param desired the object as Git has it
     * @param live the object as the API server returns it, or null when it does not exist
     * @param rendition what a server-side apply of {@code desired} would make the object, or null
     */
    public ObjectDrift compare(
            ResourceId id, Map<String, Object> desired, Map<String, Object> live, Map<String, Object> rendition) {
        if (live == null) {
            return ObjectDrift.missing(id);
        }
        List<TreeComparison.Difference> differences = TreeComparison.differences(comparable(id, desired),
                comparable(id, live), rendition == null ? null : comparable(id, rendition), path -> ignored(id, path));
        if (differences.isEmpty()) {
            return ObjectDrift.of(id, List.of());
        }
        FieldOwnership ownership = FieldOwnership.of(live);
        List<FieldDrift> fields = differences.stream()
                .map(difference -> fieldDrift(id, difference, ownership))
                .sorted(Comparator.comparing(FieldDrift::path))
                .toList();
        return ObjectDrift.of(id, fields);
    }

    private boolean ignored(ResourceId id, JsonPointer path) {
        return (autoscaled.contains(id) && REPLICAS.isPrefixOf(path))
                || ignoreRules.stream().anyMatch(rule -> rule.ignores(id, path));
    }

    private static FieldDrift fieldDrift(ResourceId id, TreeComparison.Difference difference, FieldOwnership ownership) {
        boolean inGit = difference.desired() != TreeComparison.ABSENT;
        boolean live = difference.live() != TreeComparison.ABSENT;
        Object desiredValue;
        Object liveValue;
        if (inGit && live && SecretMask.masks(id, difference.path())) {
            desiredValue = SecretMask.BEFORE;
            liveValue = SecretMask.AFTER;
        } else {
            desiredValue = inGit ? SecretMask.mask(id, difference.path(), difference.desired()) : null;
            liveValue = live ? SecretMask.mask(id, difference.path(), difference.live()) : null;
        }
        FieldOwnership.Owner owner = ownership.ownerOf(difference.fields()).orElse(null);
        return new FieldDrift(
                difference.path(),
                desiredValue,
                liveValue,
                owner == null ? null : owner.manager(),
                owner == null ? null : owner.time());
    }

    /**
     * A Secret as the server stores it: {@code stringData} folded into {@code data}, and {@code data}
     * in standard padded base64 (Git may wrap or leave out padding).
     */
    static Map<String, Object> comparable(ResourceId id, Map<String, Object> object) {
        if (!id.group().isEmpty() || !id.kind().equals("Secret")
                || !(object.get("data") instanceof Map<?, ?> || object.get("stringData") instanceof Map<?, ?>)) {
            return object;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (object.get("data") instanceof Map<?, ?> encoded) {
            encoded.forEach((key, value) -> data.put(String.valueOf(key), canonicalBase64(value)));
        }
        if (object.get("stringData") instanceof Map<?, ?> plain) {
            plain.forEach((key, value) -> data.put(String.valueOf(key), value == null ? null
                    : Base64.getEncoder().encodeToString(String.valueOf(value).getBytes(StandardCharsets.UTF_8))));
        }
        Map<String, Object> secret = new LinkedHashMap<>(object);
        secret.remove("stringData");
        secret.put("data", data);
        return secret;
    }

    private static Object canonicalBase64(Object value) {
        if (!(value instanceof String text)) {
            return value;
        }
        try {
            return Base64.getEncoder().encodeToString(Base64.getMimeDecoder().decode(text));
        } catch (IllegalArgumentException notBase64) {
            return value;
        }
    }
}
