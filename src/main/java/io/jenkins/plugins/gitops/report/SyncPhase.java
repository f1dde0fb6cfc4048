package io.jenkins.plugins.gitops.report;

/** How far the live state of an environment is from the revision in Git. */
public enum SyncPhase implements WireName {
    SYNCED("Synced"),
    PROGRESSING("Progressing"),
    OUT_OF_SYNC("OutOfSync"),
    FAILED("Failed");

    private final String wireName;

    SyncPhase(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
