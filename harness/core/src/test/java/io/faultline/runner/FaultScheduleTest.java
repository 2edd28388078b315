package io.faultline.runner;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.env.Capability;
import io.faultline.fault.Nemesis;
import io.faultline.fault.NemesisContext;
import io.faultline.generator.GenOp;
import io.faultline.generator.Generators;
import io.faultline.generator.Simulator;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {
    private static Nemesis named(String name) {
        return nemesis(name, java.util.Optional.empty());
    }

    /** A nemesis that, like partition and kill with their default choices, can aim at the leader. */
    private static Nemesis aimable(String name, String key) {
        return nemesis(name, java.util.Optional.of(java.util.Map.of(key, "leader")));
    }

    private static Nemesis nemesis(String name, java.util.Optional<java.util.Map<String, Object>> leaderTarget) {
        return nemesis(name, leaderTarget, java.util.Optional.empty());
    }

    private static Nemesis nemesis(String name, java.util.Optional<java.util.Map<String, Object>> leaderTarget,
                                   java.util.Optional<java.util.Map<String, Object>> wideTarget) {
        return nemesis(name, leaderTarget, wideTarget, false);
    }

    private static Nemesis nemesis(String name, java.util.Optional<java.util.Map<String, Object>> leaderTarget,
                                   java.util.Optional<java.util.Map<String, Object>> wideTarget, boolean repeats) {
        return new Nemesis() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<Capability> requires() {
                return Set.of();
            }

            @Override
            public java.util.Optional<java.util.Map<String, Object>> leaderTarget() {
                return leaderTarget;
            }

            @Override
            public java.util.Optional<java.util.Map<String, Object>> wideTarget() {
                return wideTarget;
            }

            @Override
            public boolean repeatsInEveryRound() {
                return repeats;
            }

            @Override
            public Op invoke(NemesisContext context, Op invocation) {
                return invocation.withType(OpType.INFO);
            }

            @Override
            public void healAll(NemesisContext context) {
            }

            @Override
            public String verifyHealed(NemesisContext context) {
                return "";
            }
        };
    }

    private static final long MS = 1_000_000L;

    @Test
    void partitionsAndPausesAimAtTheLeaderOnTheFirstTwoStartsOfEveryThree() {
        List<Nemesis> ns = List.of(aimable("partition", "mode"), aimable("pause", "targets"), named("packet"));
        Simulator sim = new Simulator(0, op -> 10 * MS, op -> OpType.INFO);
        int aimedStarts = 0, aimableStarts = 0;
        for (long seed = 0; seed < 50; seed++) {
            // The default interval and time limit: three or four starts of each kind.
            List<GenOp> ops = sim.run(Generators.nemesis(FaultSchedule.of(ns, Duration.ofSeconds(3), Duration.ofSeconds(60), seed)),
                    1000, 1_000_000 * MS);
            for (String kind : List.of("partition", "pause")) {
                List<GenOp> starts = ops.stream().filter(o -> o.f().equals("start-" + kind)).toList();
                assertFalse(starts.isEmpty(), "seed " + seed + ": " + kind + " started");
                for (int i = 0; i < starts.size(); i++) {
                    boolean aimed = starts.get(i).value() instanceof java.util.Map<?, ?> m && "leader".equals(m.values().iterator().next());
                    assertEquals(i % 3 != 2, aimed, "seed " + seed + ": start " + i + " of " + kind + ": " + starts.get(i));
                    aimableStarts++;
                    if (aimed) aimedStarts++;
                }
            }
            assertTrue(ops.stream().filter(o -> o.f().equals("start-packet")).allMatch(o -> o.value() == null),
                    "a nemesis that cannot aim gets no target");
        }
        // The per-start check above only bites where a kind starts three times or more.
        assertTrue(aimableStarts - aimedStarts >= 50, "third starts seen: " + (aimableStarts - aimedStarts));
    }

    @Test
    void theFirstKillOfARunTakesEveryNodeDownAndTheSecondTheLeader() {
        // kill as configured by default: it can aim at the leader and at every node at once.
        Nemesis kill = nemesis("kill", java.util.Optional.of(java.util.Map.of("targets", "leader")),
                java.util.Optional.of(java.util.Map.of("targets", "all")));
        List<Nemesis> ns = List.of(aimable("partition", "mode"), kill, named("stale-election"));
        Simulator sim = new Simulator(0, op -> 10 * MS, op -> OpType.INFO);
        for (long seed = 0; seed < 50; seed++) {
            // The defaults: 5 s interval, 60 s main phase.
            List<Object> killTargets = sim.run(Generators.nemesis(FaultSchedule.of(ns, Duration.ofSeconds(5), Duration.ofSeconds(60), seed)),
                            1000, 1_000_000 * MS).stream().filter(o -> o.f().equals("start-kill"))
                    .<Object>map(o -> o.value() == null ? null : ((java.util.Map<?, ?>) o.value()).get("targets")).toList();
            assertFalse(killTargets.isEmpty(), "seed " + seed + ": a default run kills");
            for (int i = 0; i < killTargets.size(); i++) {
                Object want = switch (i % 3) {
                    case 0 -> "all";
                    case 1 -> "leader";
                    default -> null;
                };
                assertEquals(want, killTargets.get(i), "seed " + seed + ": kill start " + i + " of " + killTargets);
            }
        }
    }

    @Test
    void holdsCountFromTheEndOfTheStartOpAndTheSameSeedRepeats() {
        List<Nemesis> ns = List.of(named("partition"), named("kill"));
        // Starting a fault takes 2 s here; the hold must still be at least half the interval after that.
        Simulator sim = new Simulator(0, op -> op.f().startsWith("start-") ? 2_000 * MS : 10 * MS, op -> OpType.INFO);
        List<GenOp> a = sim.run(Generators.nemesis(FaultSchedule.of(ns, Duration.ofSeconds(1), Duration.ofSeconds(20), 5)), 1000, 100_000 * MS);
        List<GenOp> b = sim.run(Generators.nemesis(FaultSchedule.of(ns, Duration.ofSeconds(1), Duration.ofSeconds(20), 5)), 1000, 100_000 * MS);
        assertEquals(a, b, "same seed, same schedule");
        assertTrue(a.size() >= 14 && a.size() % 2 == 0, "covers 20 s with cycles of ~2 s: " + a.size());
        for (int i = 0; i + 1 < a.size(); i += 2) {
            GenOp start = a.get(i);
            GenOp stop = a.get(i + 1);
            assertTrue(start.f().startsWith("start-"), start.toString());
            assertEquals("stop-" + start.f().substring(6), stop.f(), "each start is followed by its own stop");
            assertTrue(stop.time() - start.time() >= 2_000 * MS + 500 * MS, "held >= 0.5 interval after it took effect");
        }
        assertTrue(a.stream().anyMatch(o -> o.f().equals("start-kill")) && a.stream().anyMatch(o -> o.f().equals("start-partition")));
        List<GenOp> c = sim.run(Generators.nemesis(FaultSchedule.of(ns, Duration.ofSeconds(1), Duration.ofSeconds(20), 6)), 1000, 100_000 * MS);
        assertNotEquals(a, c, "another seed, another schedule");
        assertTrue(sim.run(Generators.nemesis(FaultSchedule.of(List.of(), Duration.ofSeconds(1), Duration.ofSeconds(20), 5)), 10, 100 * MS).isEmpty());
    }

    @Test
    void aNemesisThatRepeatsStartsAgainAtTheEndOfEveryRoundAfterEveryKindsFirstStart() {
        // The default kinds, partition as configured by default (it can isolate the leader).
        Nemesis partition = nemesis("partition", java.util.Optional.of(java.util.Map.of("mode", "leader")),
                java.util.Optional.empty(), true);
        List<Nemesis> ns = List.of(partition, named("kill"), named("stale-election"), aimable("pause", "targets"));
        Simulator sim = new Simulator(0, op -> 10 * MS, op -> OpType.INFO);
        for (long seed = 0; seed < 50; seed++) {
            List<String> starts = sim.run(Generators.nemesis(FaultSchedule.of(ns, Duration.ofSeconds(3), Duration.ofSeconds(120), seed)),
                    1000, 1_000_000 * MS).stream().filter(o -> o.f().startsWith("start-")).map(o -> o.f().substring(6)).toList();
            assertTrue(starts.size() >= 10, "seed " + seed + ": two rounds in 120 s: " + starts);
            for (int r = 0; r + 5 <= starts.size(); r += 5) {
                List<String> round = starts.subList(r, r + 5);
                assertEquals(List.of("kill", "partition", "pause", "stale-election"), round.subList(0, 4).stream().sorted().toList(),
                        "seed " + seed + ": each kind once first, round " + round);
                assertEquals("partition", round.get(4), "seed " + seed + ": the repeat ends the round " + round);
            }
        }
    }

    @Test
    void everyKindAskedForStartsInTheFirstRound() {
        // A run whose requested fault never started is a harness failure, so no seed may leave a
        // kind out of the first len(kinds) cycles, however the draws fall.
        List<Nemesis> ns = List.of(named("partition"), named("kill"), named("pause"), named("clock"), named("packet"));
        Simulator sim = new Simulator(0, op -> 10 * MS, op -> OpType.INFO);
        for (long seed = 0; seed < 200; seed++) {
            List<GenOp> ops = sim.run(Generators.nemesis(FaultSchedule.of(ns, Duration.ofSeconds(1), Duration.ofSeconds(60), seed)),
                    1000, 1_000_000 * MS);
            List<String> firstRound = ops.stream().filter(o -> o.f().startsWith("start-")).limit(ns.size())
                    .map(o -> o.f().substring(6)).sorted().toList();
            assertEquals(List.of("clock", "kill", "packet", "partition", "pause"), firstRound, "seed " + seed);
        }
    }
}
