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

    /**
     * The live traffic the proxy forwarded on from->to since its fault last changed: how many
     * chunks, bytes, and how long each was held on average. The nemesis's evidence that a delay or
     * stall is really in the path.
     */
    Observed observed(Node from, Node to);

    record Observed(long chunks, long bytes, long meanHoldNanos) {
    }
}
