package io.faultline.env;

import java.time.Duration;

/** Delays and stalls on peer links, applied by the fault proxy in front of each peer port. */
public interface LinkControl {
    /** Delays every chunk sent from {@code from} to {@code to} by delay +- jitter. */
    void delay(Node from, Node to, Duration delay, Duration jitter);

    /** Holds all traffic from {@code from} to {@code to} until {@link #heal()}. */
    void stall(Node from, Node to);

    /** Removes every delay and stall. */
    void heal();
}
