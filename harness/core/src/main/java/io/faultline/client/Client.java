package io.faultline.client;

import io.faultline.env.Node;
import io.faultline.history.Op;

/**
 * Talks to one node on behalf of one process. {@link #invoke} never throws: every failure is
 * classified as {@code fail} (certainly did not happen) or {@code info} (unknown: a timeout, a
 * connection lost after the request was sent), with the reason in {@code error}.
 */
public interface Client extends AutoCloseable {
    void open(Node node) throws Exception;

    /** Returns the completion for {@code invocation} (same process, f and key). */
    Op invoke(Op invocation);

    /**
     * True once this client can serve no further op (say, its ZooKeeper session expired). The
     * worker then replaces it with a fresh client under a new process id, as after an {@code info}
     * op: a new connection is a new session, and per-session guarantees must not span the two.
     */
    default boolean spent() {
        return false;
    }

    @Override
    void close();
}
