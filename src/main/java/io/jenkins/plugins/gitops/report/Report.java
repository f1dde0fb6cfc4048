package io.jenkins.plugins.gitops.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the in-cluster agent tells Jenkins about one environment: schema v1 of the signed report.
 *
 * @param schema always {@link #SCHEMA}; a reader refuses any other version
 * @param environment the environment's name, also sent in the {@code X-GitOps-Environment} header
 * @param agent which agent wrote the report
 * @param source the config repository location and the revision applied
 * @param phase how far the live state is from that revision
 * @param health the worst health of the resources
 * @param resources every resource the agent manages
 * @param events what the agent did since its previous report, oldest first
 * @param generatedAt when the agent wrote the report, by its own clock: shown, never used to order reports
 * @param sequence where the report stands among its agent run's reports; {@code null} until the sender signs
 *     it, and from agents older than the field
 * @param omitted what the report leaves out to fit the receiver's limits: resources only counted, events dropped
 */
public record Report(
        int schema,
        String environment,
        AgentIdentity agent,
        SourceState source,
        SyncPhase phase,
        Health health,
        List<ResourceEntry> resources,
        List<ReportEvent> events,
        Instant generatedAt,
        ReportSequence sequence,
        Omitted omitted) {

    public static final int SCHEMA = 1;

    public Report {
        if (schema != SCHEMA) {
            throw new IllegalArgumentException("this model is schema " + SCHEMA + ", not " + schema);
        }
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(omitted, "omitted");
        resources = List.copyOf(resources);
        events = List.copyOf(events);
    }

    /** The same state carrying other events; the sender uses it to carry events of reports it coalesced. */
    public Report withEvents(List<ReportEvent> newEvents) {
        return new Report(schema, environment, agent, source, phase, health, resources, newEvents, generatedAt, sequence, omitted);
    }

    /** The same state listing other newly applied commits, newest first; for the same reason. */
    public Report withAppliedCommits(List<String> commits) {
        SourceState carried = new SourceState(source.repository(), source.branch(), source.path(), source.revision(), commits, source.refused());
        return new Report(schema, environment, agent, carried, phase, health, resources, events, generatedAt, sequence, omitted);
    }

    /** The same report listing other resources and saying what it left out. */
    public Report withResources(List<ResourceEntry> listed, Omitted left) {
        return new Report(schema, environment, agent, source, phase, health, listed, events, generatedAt, sequence, left);
    }

    /** The same report numbered by its sender. */
    public Report withSequence(ReportSequence number) {
        return new Report(schema, environment, agent, source, phase, health, resources, events, generatedAt, number, omitted);
    }
}
