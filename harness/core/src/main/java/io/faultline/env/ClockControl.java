package io.faultline.env;

import java.util.Optional;

/** Per-node clock offsets: each node process runs under libfaketime with its own offset file. */
public interface ClockControl {
    void setOffsetMillis(Node node, long offsetMillis);

    long offsetMillis(Node node);

    /** Sets every offset back to zero. */
    void reset();

    /**
     * The wall clock (epoch ms) a process started now on {@code node} reads: a fresh process
     * under the node's libfaketime settings, so the offset file is verified, not assumed.
     */
    long observedMillis(Node node);

    /**
     * Why the processes running on {@code node} would not follow their offset file (libfaketime
     * not loaded, or a Go runtime that reads the clock through the vDSO), or empty when they do.
     */
    Optional<String> whyIgnored(Node node);

    /** How long a running process may keep its old offset after a change (libfaketime's cache). */
    default long propagationMillis() {
        return 1_000;
    }
}
