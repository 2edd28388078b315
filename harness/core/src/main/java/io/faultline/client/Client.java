package io.faultline.client;

import io.faultline.env.Node;
import io.faultline.history.Op;
import java.time.Duration;
import java.util.Optional;

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

    /**
     * True while this client holds something that expires unless it keeps renewing it (a lock on a
     * lease or a session): what the client-pause fault aims at. Called from the nemesis thread.
     */
    default boolean holdsLease() {
        return false;
    }

    /**
     * For a client that holds a lock on something that expires ({@link #holdsLease}): why, by its
     * own clock, it cannot count on still holding it {@code ahead} from now; empty while it can. A
     * careful lock user asks this before it enters a critical section of that length. Answered
     * from what the client already knows, without a request (a check that waits on the network
     * would only move the question to when its answer arrives). A client that keeps no such clock
     * cannot vouch for its lock, so by default it never can.
     */
    default Optional<String> lockLostWithin(Duration ahead) {
        return Optional.of(getClass().getSimpleName() + " keeps no clock for a lock");
    }

    /**
     * Stops the client's background work (lease keep-alives, renewals) as a pause of its whole
     * process would; the worker holds back its next op itself. Called from the nemesis thread while
     * an op may be running; {@link Freeze#refused} when this client cannot stop what it runs in the
     * background (then a pause would not be one).
     */
    default Freeze freeze() {
        return Freeze.refused(getClass().getSimpleName() + " cannot stop its background work, so it cannot be paused");
    }

    /** Resumes what {@link #freeze} stopped (the renewals resume late, as after a real pause). */
    default void thaw() {
    }

    @Override
    void close();
}
