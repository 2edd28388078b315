package io.faultline.stores.raftstore;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.check.CheckResult;
import io.faultline.check.Verdict;
import io.faultline.runner.RunResult;
import io.faultline.stores.etcd.Runs;
import java.nio.file.Path;
import io.faultline.env.Environments;
import io.faultline.runner.NemesisRegistry;
import io.faultline.runner.Runner;
import io.faultline.store.StoreRegistry;
import io.faultline.test.NemesisSchedule;
import io.faultline.test.TestDefinition;
import io.faultline.workload.WorkloadRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real three-node raftstore clusters running the append and session workloads: whole txns are
 * serializable, the no-txn-isolation fault (each micro-op its own log entry) is caught by the
 * list-append checker, pinned clients with linearizable reads keep every guarantee, and
 * serializable reads from a partitioned-off follower are stale yet keep the session guarantees.
 */
class RaftstoreAppendSessionTest {

    @Test
    void appendTxnsAreSerializable(@TempDir Path results) throws Exception {
        RunResult r = run(results, List.of(), "append", 12, 8, 80, 9L, Map.of());
        CheckResult c = listAppend(r);
        assertEquals(Verdict.VALID, c.verdict(), () -> "results in " + r.dir() + ": " + c.summary() + " " + c.anomalies());
        assertTrue(r.stats().ok() >= 100, () -> "transactions committed: " + r.stats());
    }

    @Test
    void noTxnIsolationIsCaughtByTheListAppendChecker(@TempDir Path results) throws Exception {
        // Few keys, long txns and many concurrent clients so split txns interleave on the same keys.
        Map<String, String> opts = Map.of("workload.keys", "2", "workload.max-ops", "4");
        RunResult r = run(results, List.of("no-txn-isolation"), "append", 12, 10, 200, 9L, opts);
        CheckResult c = listAppend(r);
        assertEquals(Verdict.INVALID, c.verdict(), () -> "results in " + r.dir() + ": " + c.summary() + " " + r.stats());
        assertFalse(c.anomalies().isEmpty(), () -> "an invalid verdict names its anomalies: " + c);
    }

    @Test
    void pinnedSessionsWithLinearizableReadsKeepEveryGuarantee(@TempDir Path results) throws Exception {
        RunResult r = run(results, List.of(), "session", 12, 6, 80, 11L, Map.of("store.read-mode", "linearizable"));
        assertEquals(Verdict.VALID, Runs.verdict(r, "linearizable"), () -> "results in " + r.dir() + ": " + r.results());
        for (String g : Runs.SESSION_CHECKERS) {
            assertEquals(Verdict.VALID, Runs.verdict(r, g), () -> g + "; results in " + r.dir());
        }
        assertTrue(r.stats().ok() >= 100, () -> "ops completed: " + r.stats());
    }

    @Test
    void serializableReadsOnAnIsolatedMemberAreStaleButKeepSessionGuarantees(@TempDir Path results) throws Exception {
        Assumptions.assumeTrue(Runs.environment().equals("local"), "partitions need network namespaces");
        RunResult r = run(results, List.of(), List.of("partition"), "session", 15, 6, 80, 11L,
                Map.of("store.read-mode", "serializable", "nemesis.partition.modes", "one"));
        assertEquals(Verdict.INVALID, Runs.verdict(r, "linearizable"),
                () -> "an isolated follower answering serializable reads serves stale values; results in " + r.dir());
        for (String g : Runs.SESSION_CHECKERS) {
            assertEquals(Verdict.VALID, Runs.verdict(r, g), () -> g + " should hold per pinned client; results in " + r.dir());
        }
    }

    private static RunResult run(Path results, List<String> storeFaults, String workload, int seconds, int concurrency,
                                 double rate, long seed, Map<String, String> options) throws Exception {
        return run(results, storeFaults, List.of(), workload, seconds, concurrency, rate, seed, options);
    }

    private static RunResult run(Path results, List<String> storeFaults, List<String> nemesis, String workload, int seconds,
                                 int concurrency, double rate, long seed, Map<String, String> options) throws Exception {
        Runner runner = new Runner(StoreRegistry.load(), WorkloadRegistry.load(), NemesisRegistry.load(),
                req -> Environments.create(req.spec()),
                Runs.home(), Runs.LOG);
        return runner.run(new TestDefinition("raftstore-" + workload, Runs.environment(), "raftstore", 3, workload,
                new NemesisSchedule(nemesis, Duration.ofSeconds(3)), Duration.ofSeconds(seconds), concurrency, rate,
                Long.getLong("faultline.test.seed", seed), storeFaults, options, results, false));
    }

    private static CheckResult listAppend(RunResult r) {
        return r.results().stream().filter(x -> x.checker().equals("list-append")).findFirst()
                .orElseThrow(() -> new AssertionError("no list-append result in " + r.results()));
    }
}
