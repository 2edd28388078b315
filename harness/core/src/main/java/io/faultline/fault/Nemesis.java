package io.faultline.fault;

import io.faultline.db.DbCapability;
import io.faultline.env.Capability;
import io.faultline.history.Op;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One kind of fault (Jepsen's nemesis). The schedule sends it invocations such as
 * {@code start-partition} / {@code stop-partition}; it applies the fault through the environment's
 * control surface and returns the {@code info} completion whose value names the fault and nodes,
 * e.g. {@code {"fault":"partition","mode":"majority","grudge":{"n1":["n2","n3"]}}}.
 */
public interface Nemesis {
    /** "partition", "kill", "pause", "clock", "packet". */
    String name();

    /** What the environment must offer; the runner refuses with the reason otherwise. */
    Set<Capability> requires();

    /** What the store's {@code Db} must be able to do; the runner refuses with the reason otherwise. */
    default Set<DbCapability> storeRequires() {
        return Set.of();
    }

    /** The {@code f} of the op that starts this fault, e.g. "start-partition". */
    default String startF() {
        return "start-" + name();
    }

    /** The {@code f} of the op that stops (heals) this fault, e.g. "stop-partition". */
    default String stopF() {
        return "stop-" + name();
    }

    /**
     * The start value that aims this fault at the store's current leader (e.g.
     * {@code {"mode":"leader"}}), when the choices it was configured with include the leader; empty
     * when it cannot or was told not to. The schedule sends it on two starts of every three (kill: see
     * {@link #wideTarget()}), so a leader that misbehaves while isolated or after a crash is
     * exercised in every run.
     */
    default Optional<Map<String, Object>> leaderTarget() {
        return Optional.empty();
    }

    /**
     * The start value that hits every node at once (e.g. {@code {"targets":"all"}}: the power loss
     * that shows what a store never made durable), when its configured choices include it; empty
     * otherwise. The schedule sends it on the first start and takes turns with the leader target.
     */
    default Optional<Map<String, Object>> wideTarget() {
        return Optional.empty();
    }

    /**
     * True when what this fault exposes shows only in a short window after it takes effect, so that
     * one start per round is too few: the schedule adds a second start at the end of every round,
     * after every kind has had its first. A partition that isolates the leader: a leader that keeps
     * serving from a stretched lease does so for about a second per isolation; of ten 60 s runs
     * with four kinds, the eight that isolated the leader twice caught it and the two that did so
     * once before the run ended missed it; with the repeat, ten of ten isolated it at least twice and caught it.
     */
    default boolean repeatsInEveryRound() {
        return false;
    }

    /** Applies or heals; {@code invocation.process()} is {@link Op#NEMESIS}. Never throws. */
    Op invoke(NemesisContext context, Op invocation);

    /** Heals everything this nemesis may have done, for the final phase and for cleanup. */
    void healAll(NemesisContext context);

    /**
     * Looks at the cluster after {@link #healAll}: "" when no trace of this fault is left (every
     * link open, every process running and not stopped, every clock back), else what remains. The
     * final heal is recorded as verified only when every nemesis says "".
     */
    String verifyHealed(NemesisContext context);
}
