package io.faultline.runner;

import io.faultline.fault.Nemesis;
import io.faultline.generator.Generator;
import io.faultline.generator.Generators;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The nemesis side of the main phase: cycles of "wait, start a fault, hold it, stop it". Faults
 * come in rounds, each kind first once in a seeded order, so every kind asked for is exercised
 * as early as the time limit allows (a run whose requested fault never started is not valid).
 * Which fault and every wait are drawn from the seed up front, so the same seed gives the same
 * schedule.
 *
 * <p>A nemesis that can aim at the leader ({@link Nemesis#leaderTarget()}: partition, kill and pause
 * when "leader" is among their configured choices, as it is by default) gets it on two starts of
 * every three, the first two included; the third draws from its configured choices (which may pick
 * the leader again). A leader that misbehaves while isolated shows in a window of about a second per
 * isolation: with the leader on every other start, the runs that missed a too-long lease were those
 * whose second partition cut off a follower (docs/notes/detection.md). Other shapes still come every
 * third start.
 *
 * <p>A nemesis whose window is that short ({@link Nemesis#repeatsInEveryRound()}: a partition that
 * can isolate the leader) starts again at the end of each round, so a 60 s run with the four default
 * kinds isolates the leader at least twice (all ten lease-too-long runs of docs/notes/detection.md's stop-27
 * measurement did; before, two of ten did so once).
 *
 * <p>A nemesis that can also hit every node at once ({@link Nemesis#wideTarget()}: kill) takes turns
 * instead: wide, leader, a draw, and again. So the first kill of a run is the whole cluster losing
 * power, and a store that acknowledges what it never made durable shows it in every run that kills
 * at all, where a uniform draw over five target specs did in one of five; the crashed leader with
 * live followers comes with the second kill (and with every stale election).
 */
public final class FaultSchedule {
    private FaultSchedule() {
    }

    /**
     * @param nemeses  the faults to choose from (none: an empty schedule)
     * @param interval mean wait before a fault and mean time it is held; each is uniform in [0.5, 1.5] of it
     * @param length   how long the schedule must cover (the main phase)
     */
    public static Generator of(List<Nemesis> nemeses, Duration interval, Duration length, long seed) {
        if (nemeses.isEmpty()) return Generators.empty();
        SplittableRandom random = new SplittableRandom(seed ^ 0x6e656d65736973L);
        long step = interval.toNanos();
        long covered = 0;
        List<Generator> parts = new ArrayList<>();
        List<Nemesis> round = new ArrayList<>();
        Map<String, Integer> starts = new HashMap<>();
        while (covered < length.toNanos()) {
            long wait = (long) (step * (0.5 + random.nextDouble()));
            long hold = (long) (step * (0.5 + random.nextDouble()));
            if (round.isEmpty()) {
                round.addAll(nemeses);
                for (int i = round.size() - 1; i > 0; i--) java.util.Collections.swap(round, i, random.nextInt(i + 1));
                // After the shuffle, so a repeat never delays another kind's first start.
                for (Nemesis r : nemeses) if (r.repeatsInEveryRound()) round.add(r);
            }
            Nemesis n = round.removeFirst();
            // Each wait starts when the previous nemesis op has finished: applying a fault can take
            // seconds on a loaded machine, and the hold must be time the fault is really in place.
            parts.add(Generators.synchronize(Generators.sleep(Duration.ofNanos(wait))));
            int k = starts.merge(n.name(), 1, Integer::sum) - 1;
            Object target = aim(n, k);
            parts.add(Generators.once(n.startF(), null, target));
            parts.add(Generators.synchronize(Generators.sleep(Duration.ofNanos(hold))));
            parts.add(Generators.once(n.stopF(), null, null));
            covered += wait + hold;
        }
        return Generators.seq(parts.toArray(Generator[]::new));
    }

    /** The target of start number {@code k} (from 0) of {@code n}; null: its own draw. */
    private static Object aim(Nemesis n, int k) {
        var wide = n.wideTarget();
        var leader = n.leaderTarget();
        if (wide.isPresent() && leader.isPresent()) {
            return switch (k % 3) {
                case 0 -> wide.get();
                case 1 -> leader.get();
                default -> null;
            };
        }
        if (wide.isPresent()) return k % 2 == 0 ? wide.get() : null;
        return leader.isPresent() && k % 3 != 2 ? leader.get() : null;
    }
}
