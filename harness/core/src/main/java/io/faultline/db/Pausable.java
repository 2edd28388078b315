package io.faultline.db;

import io.faultline.env.Node;

/** A store whose node processes can be stopped and continued (Jepsen's Pause protocol). */
public interface Pausable extends Db {
    /** SIGSTOP the node's store process. */
    void pause(Node node);

    /** SIGCONT; nothing when the node's process does not run (its pid may be another's by now). */
    void resume(Node node);

    /**
     * The kernel state letter of the node's store process ("T" when stopped by SIGSTOP, "" when
     * none runs), so that a pause is verified by looking, not by trusting the signal.
     */
    String processState(Node node);

    /** {@code db} as a Pausable, or an error naming the store when it cannot be paused. */
    static Pausable of(Db db) {
        if (db instanceof Pausable p) return p;
        throw new IllegalStateException(DbCapability.PAUSABLE.lackedBy(db));
    }
}
