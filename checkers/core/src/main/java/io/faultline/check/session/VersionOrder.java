package io.faultline.check.session;

/** Which order the session checkers used to say that one version is older than another. */
public enum VersionOrder {
    /** The store's revision (or version) recorded with every ok read and write. */
    REVISION("revision"),
    /**
     * Real-time order of writes: a write that completed before another was invoked is older.
     * Concurrent writes are not ordered, so no violation is claimed between them.
     */
    REAL_TIME("real-time");

    private final String wireName;

    VersionOrder(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
