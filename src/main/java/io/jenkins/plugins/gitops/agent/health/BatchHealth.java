package io.jenkins.plugins.gitops.agent.health;

import io.jenkins.plugins.gitops.agent.apply.ObjectTree;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Jobs run to an end; a CronJob is as healthy as the job it last started. */
final class BatchHealth {

    private BatchHealth() {}

    static Health job(Map<String, Object> live) {
        Map<String, Object> failed = Conditions.find(live, "Failed");
        if (failed != null && "True".equals(failed.get("status"))) {
            return Health.degraded("job failed: " + Conditions.describe(failed));
        }
        if (Conditions.isTrue(live, "Complete")) {
            return Health.healthy("job completed: " + ObjectTree.longAt(live, 0, "status", "succeeded") + " succeeded");
        }
        if (Boolean.TRUE.equals(ObjectTree.at(live, "spec", "suspend"))) {
            return Health.healthy("job is suspended");
        }
        return Health.progressing("job running: " + ObjectTree.longAt(live, 0, "status", "active") + " active, "
                + ObjectTree.longAt(live, 0, "status", "succeeded") + " succeeded, "
                + ObjectTree.longAt(live, 0, "status", "failed") + " failed");
    }

    static Health cronJob(Map<String, Object> live) {
        if (Boolean.TRUE.equals(ObjectTree.at(live, "spec", "suspend"))) {
            return Health.healthy("cron job is suspended");
        }
        String lastSchedule = ObjectTree.textAt(live, "status", "lastScheduleTime");
        if (lastSchedule == null) {
            return Health.healthy("no job scheduled yet");
        }
        if (!ObjectTree.mapsAt(live, "status", "active").isEmpty()) {
            return Health.healthy("job scheduled at " + lastSchedule + " is running");
        }
        String lastSuccess = ObjectTree.textAt(live, "status", "lastSuccessfulTime");
        if (lastSuccess == null || before(lastSuccess, lastSchedule)) {
            return Health.degraded("the job scheduled at " + lastSchedule + " did not succeed");
        }
        return Health.healthy("last job succeeded at " + lastSuccess);
    }

    private static boolean before(String time, String other) {
        try {
            return Instant.parse(time).isBefore(Instant.parse(other));
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
