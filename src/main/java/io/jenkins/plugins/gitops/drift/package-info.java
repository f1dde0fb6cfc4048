/**
 * Drift: how a live Kubernetes object differs from its desired state in Git. Pure functions over
 * parsed JSON trees; the agent feeds them what it read from the API server.
 *
 * <p>Entry point: {@link io.jenkins.plugins.gitops.drift.DriftDetector}. Given the server's rendition
 * of the desired object (a server-side dry-run apply's response, or the live object when it provably
 * holds what the agent applied), a field where Git and live differ drifts only if the rendition and
 * live differ there too: what the server makes of Git's text is never drift. Without one, the
 * normalisations below are all there is. The rules it follows:
 * <ul>
 *   <li>Only fields the desired object sets are compared. Server defaults, allocated addresses,
 *       {@code status}, and the server-owned metadata ({@code resourceVersion}, {@code uid},
 *       {@code generation}, {@code managedFields}, {@code creationTimestamp}, {@code selfLink}, the
 *       last-applied annotation) are never drift. {@code apiVersion} is not compared either: the
 *       server converts between versions.</li>
 *   <li>A desired null, {@code ""}, {@code []}, {@code {}} (or a map of only such values) matches an
 *       absent live field. A desired {@code []} against live items is drift.</li>
 *   <li>Quantities compare by exact amount ({@code 500m} = {@code 0.5}, {@code 0.5Gi} = {@code 512Mi})
 *       only where Kubernetes holds quantities: values of {@code limits}, {@code requests},
 *       {@code hard}, {@code capacity}, {@code overhead} and the LimitRange maps, {@code sizeLimit},
 *       {@code averageValue}, and a metric target's {@code value}. Elsewhere {@code "1000m"} and
 *       {@code "1"} are different strings, as an environment variable would see them.</li>
 *   <li>Int-or-string fields ({@code port}, {@code targetPort}, {@code containerPort}, {@code maxSurge},
 *       ...) match {@code 8080} with {@code "8080"}; numbers compare by value everywhere.</li>
 *   <li>Lists the API server merges by key (containers, volumes, env, ports by port and protocol,
 *       volumeMounts by mountPath, ...) pair items by key, and like maps are compared on what Git
 *       has: an item another manager added live (a policy engine's {@code imagePullSecrets}) is not
 *       drift, as applying Git would keep it. Other lists ({@code args}, {@code envFrom}, {@code tolerations}) are atomic:
 *       same length, same items in order.</li>
 *   <li>A Secret's {@code stringData} is compared as the base64 {@code data} the server turns it into.</li>
 *   <li>Secret values and the last-applied annotation are masked in every result
 *       ({@link io.jenkins.plugins.gitops.drift.SecretMask}).</li>
 * </ul>
 */
package io.jenkins.plugins.gitops.drift;
