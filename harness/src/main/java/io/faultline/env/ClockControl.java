package io.faultline.env;

/** Per-node clock offsets: each node process runs under libfaketime with its own offset file. */
public interface ClockControl {
    void setOffsetMillis(Node node, long offsetMillis);

    long offsetMillis(Node node);

    /** Sets every offset back to zero. */
    void reset();
}
