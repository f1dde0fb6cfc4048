package io.jenkins.plugins.gitops.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts a report down until it fits the receiver's limits, saying what it left out, so that an environment
 * of any size keeps reporting. Pure.
 *
 * <ol>
 *   <li>Always: at most {@value #MAX_DIFFS} diffs per resource (the entry's message says how many more
 *       differ), a diff value longer than {@value #MAX_VALUE_CHARS} characters of JSON is replaced by a
 *       note of its length, and messages are cut at {@value #MAX_MESSAGE_CHARS} characters.</li>
 *   <li>When the report is still over {@link #BUDGET_BYTES} or lists more than
 *       {@link ReportLimits#MAX_RESOURCES} resources: the in-sync resources are only counted
 *       ({@link Omitted#resources()}), and the others listed, worst first (Failed, Missing, Drifted,
 *       Pruned), as long as they fit; the rest of them are counted too.</li>
 * </ol>
 * Phase and health were decided over every resource before, so they stay true of the whole environment.
 */
public final class ReportBudget {

    /** The receiver's body limit less room for what a sender may not know exactly (a longer sequence number). */
    public static final int BUDGET_BYTES = ReportLimits.MAX_BODY_BYTES - 4 * 1024;

    public static final int MAX_DIFFS = 20;
    public static final int MAX_VALUE_CHARS = 2_048;
    public static final int MAX_MESSAGE_CHARS = 512;

    /** Room the {@code omitted} counts take: one short field per status. */
    private static final int OMITTED_BYTES = 256;

    private static final Comparator<ResourceEntry> WORST_FIRST = Comparator.comparingInt(entry -> switch (entry.status()) {
        case FAILED -> 0;
        case MISSING -> 1;
        case DRIFTED -> 2;
        case PRUNED -> 3;
        case IN_SYNC -> 4;
    });

    private ReportBudget() {}

    public static Report fit(Report report) {
        List<ResourceEntry> bounded = report.resources().stream().map(ReportBudget::bounded).toList();
        Report cut = report.withResources(bounded, report.omitted()).withEvents(report.events().stream()
                .map(event -> new ReportEvent(event.type(), event.time(), shortened(event.message()))).toList());
        if (bounded.size() <= ReportLimits.MAX_RESOURCES && ReportCodec.encode(cut).length <= BUDGET_BYTES) {
            return cut;
        }
        long left = BUDGET_BYTES - OMITTED_BYTES - ReportCodec.encode(cut.withResources(List.of(), cut.omitted())).length;
        Map<ResourceStatus, Integer> unlisted = new EnumMap<>(ResourceStatus.class);
        unlisted.putAll(report.omitted().resources());
        List<ResourceEntry> candidates = new ArrayList<>(bounded);
        candidates.sort(WORST_FIRST);
        // By identity: two entries may be equal and only one of them listed.
        Set<ResourceEntry> listed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ResourceEntry entry : candidates) {
            // +1 for the comma between entries
            long size = entry.status() == ResourceStatus.IN_SYNC ? Long.MAX_VALUE : ReportCodec.encodedLength(entry) + 1L;
            if (size <= left && listed.size() < ReportLimits.MAX_RESOURCES) {
                listed.add(entry);
                left -= size;
            } else {
                unlisted.merge(entry.status(), 1, Integer::sum);
            }
        }
        // Listed in the order the agent wrote them, as an unabridged report would.
        List<ResourceEntry> inOrder = bounded.stream().filter(listed::contains).toList();
        return cut.withResources(inOrder, cut.omitted().withResources(unlisted));
    }

    private static ResourceEntry bounded(ResourceEntry entry) {
        List<FieldDiff> diffs = entry.diffs();
        String message = entry.message();
        if (diffs.size() > MAX_DIFFS) {
            String more = (diffs.size() - MAX_DIFFS) + " more fields differ, not listed";
            message = message == null ? more : message + "; " + more;
            diffs = diffs.subList(0, MAX_DIFFS);
        }
        return new ResourceEntry(entry.apiVersion(), entry.kind(), entry.namespace(), entry.name(), entry.status(),
                entry.health(), diffs.stream().map(ReportBudget::bounded).toList(), shortened(message));
    }

    private static FieldDiff bounded(FieldDiff diff) {
        return new FieldDiff(diff.path(), bounded(diff.desired()), bounded(diff.live()), diff.manager(), diff.changedAt());
    }

    private static JsonValue bounded(JsonValue value) {
        if (value == null || value.json().length() <= MAX_VALUE_CHARS) {
            return value;
        }
        return JsonValue.of("(" + value.json().length() + " characters of JSON, not shown)");
    }

    private static String shortened(String message) {
        if (message == null || message.length() <= MAX_MESSAGE_CHARS) {
            return message;
        }
        int end = MAX_MESSAGE_CHARS - 1;
        if (Character.isHighSurrogate(message.charAt(end - 1))) {
            end--;
        }
        return message.substring(0, end) + "…";
    }
}
