package io.jenkins.plugins.gitops.report.store;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Adds reports to a store in a loop until killed, printing each report's index once {@code add} has
 * returned: run in a child JVM by {@link ReportStoreTest} to kill a store in the middle of its writes.
 */
public final class StoreWriter {

    private StoreWriter() {}

    public static void main(String[] args) throws Exception {
        ReportStore store = ReportStore.open(Path.of(args[0]), Integer.parseInt(args[1]), Clock.systemUTC());
        int first = Integer.parseInt(args[2]);
        for (int i = first; ; i++) {
            TestReports.addTo(store, TestReports.at("staging", TestReports.NOW.plusSeconds(i), TestReports.commit("r" + i), 3_000));
            System.out.println(i);
            System.out.flush();
        }
    }
}
