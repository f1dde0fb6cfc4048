package io.jenkins.plugins.gitops.notification;

import java.time.Instant;

/**
 * What the detector remembers of one environment between its reports. An incident (drift, Degraded, a
 * failing revision) is open from the report that shows it until reports have not shown it for the
 * quiet period; while it is open, showing it again is the same incident.
 *
 * @param drift the open drift incident, or null
 * @param degraded the open Degraded incident, or null
 * @param failure the open failure incident, or null; it belongs to one revision
 * @param syncedRevision the last revision seen synced, or null before any
 */
public record EnvironmentState(Incident drift, Incident degraded, Incident failure, String syncedRevision) {

    /** Before any report. */
    public static final EnvironmentState NONE = new EnvironmentState(null, null, null, null);

    /**
     * An incident.
     *
     * @param revision the revision it belongs to (a failure's); null when any revision continues it
     * @param clearSince when a report first stopped showing it, null while reports show it
     */
    public record Incident(String revision, Instant clearSince) {}
}
