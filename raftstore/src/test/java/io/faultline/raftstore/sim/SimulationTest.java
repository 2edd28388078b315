package io.faultline.raftstore.sim;

import io.faultline.raftstore.node.FaultMode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded schedules of the deterministic simulation. A failure prints its seed and the one-line
 * command that replays it.
 */
class SimulationTest {
    private static final long BASE_SEED = Long.getLong("sim.base", 20261123L);

    static String replayCommand(long seed, Set<FaultMode> faults) {
        var f = new StringBuilder();
        for (FaultMode m : faults) f.append(f.isEmpty() ? "" : ",").append(m.wireName());
        return "./mvnw -q -B -pl raftstore -am test -Dtest=SimulationTest#replay -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dsim.seed=" + seed + (faults.isEmpty() ? "" : " -Dsim.faults=" + f);
    }

    private static String problem(Simulation.Outcome2 o) {
        return o.violation() != null ? o.violation() : o.check();
    }

    private static void runSchedules(long first, int count) {
        long totalSteps = 0;
        int live = 0;
        long installs = 0;
        for (long s = first; s < first + count; s++) {
            var out = new Simulation(Simulation.Options.standard(s, Set.of())).run();
            totalSteps += out.steps();
            String p = problem(out);
            if (p != null) {
                fail("seed " + s + ": " + p + "\nreplay: " + replayCommand(s, Set.of()));
            }
            if (out.history().stream().anyMatch(SimOp::ok)) live++;
            installs += out.snapshotsInstalled();
        }
        System.out.println(count + " schedules, " + totalSteps + " steps, " + live + " with successful operations, "
                + installs + " InstallSnapshot deliveries");
        assertTrue(count < 50 || installs > 0, "the schedules never exercised InstallSnapshot");
        // Liveness is not promised under constant crashes and partitions, but a cluster that
        // rarely serves anything would make the safety checks vacuous.
        assertTrue(live >= count * 0.9, "only " + live + " of " + count + " schedules had a successful operation");
    }

    @Test
    void correctClusterKeepsEveryInvariantAndStaysLinearizable() {
        runSchedules(BASE_SEED, Integer.getInteger("sim.schedules", 2000));
    }

    @Test
    @Tag("slow")
    void manyMoreSchedules() {
        runSchedules(BASE_SEED + 1_000_000, Integer.getInteger("sim.schedules.slow", 20_000));
    }

    /** Replays one schedule: -Dsim.seed=N [-Dsim.faults=a,b]. Skipped without sim.seed. */
    @Test
    void replay() {
        String seed = System.getProperty("sim.seed");
        if (seed == null) return;
        Set<FaultMode> faults = FaultMode.parse(System.getProperty("sim.faults", ""));
        var out = new Simulation(Simulation.Options.standard(Long.parseLong(seed), faults)).run();
        System.out.println("seed " + seed + ": " + out.steps() + " steps, " + out.history().size() + " ops, "
                + out.leaders() + " leader terms");
        if (Boolean.getBoolean("sim.verbose")) out.history().forEach(System.out::println);
        String p = problem(out);
        if (p != null) fail("seed " + seed + ": " + p);
    }

    /**
     * The simulation must be able to fail: each fault mode it can exercise makes the matching
     * check fail within a bounded number of schedules.
     */
    @ParameterizedTest
    @EnumSource(value = FaultMode.class, names = {"STALE_READS", "FOLLOWER_READS", "ACK_BEFORE_COMMIT",
            "NO_ELECTION_RESTRICTION", "LEASE_TOO_LONG", "NO_DEDUPE", "NO_FSYNC", "NO_TXN_ISOLATION"})
    void faultModeIsCaught(FaultMode mode) {
        Set<FaultMode> faults = EnumSet.of(mode);
        for (long s = BASE_SEED; s < BASE_SEED + 3000; s++) {
            var out = new Simulation(Simulation.Options.standard(s, faults)).run();
            String p = problem(out);
            if (p != null) {
                System.out.println(mode.wireName() + " caught at seed " + s + ": " + p + "\n  replay: " + replayCommand(s, faults));
                assertNotNull(p);
                return;
            }
        }
        fail(mode.wireName() + " was not caught in 3000 schedules");
    }
}
