package io.faultline.db;

import io.faultline.env.Node;

/**
 * A store whose nodes can be killed and restarted one by one (Jepsen's Kill protocol). Kill and
 * restart keep each node's data directory, so a restart recovers from what the node persisted.
 */
public interface Killable extends Db {
    /** Starts the node's store process unless it runs (a restart after a kill). */
    void start(Node node) throws Exception;

    /** SIGKILL the node's store process. */
    void kill(Node node);

    boolean isRunning(Node node);

    /** {@code db} as a Killable, or an error naming the store when it cannot be killed. */
    static Killable of(Db db) {
        if (db instanceof Killable k) return k;
        throw new IllegalStateException(DbCapability.KILLABLE.lackedBy(db));
    }
}
