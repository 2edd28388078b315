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

    @Override
    void close();
}
