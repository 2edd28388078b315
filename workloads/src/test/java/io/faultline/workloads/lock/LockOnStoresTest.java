package io.faultline.workloads.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.check.CheckResult;
import io.faultline.check.Verdict;
import io.faultline.runner.RunResult;
import io.faultline.stores.etcd.Runs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock workload on real clusters. etcd under client pauses longer than the lease (TTL 2 s,
 * pauses of 2.5 to 7.5 s): without fencing two critical sections overlap and an increment is lost;
 * with fencing the same schedule comes out clean, the stale writes refused. ZooKeeper (Curator's
 * InterProcessMutex) and raftstore (its lease lock) keep mutual exclusion under kills of a node.
 * About 2.5 minutes in all on this machine.
 */
class LockOnStoresTest {
    private static final Map<String, String> ETCD = Map.of("workload.hold-ms", "250");

    private static CheckResult result(RunResult r, String checker) {
        return r.results().stream().filter(c -> c.checker().equals(checker)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + checker + " result in " + r.results()));
    }

    private static RunResult etcdUnderClientPause(Path dir, long seed, boolean fencing) throws Exception {
        Map<String, String> opts = new java.util.HashMap<>(ETCD);
        opts.put("workload.fencing", Boolean.toString(fencing));
        return Runs.run(dir.resolve((fencing ? "fenced-" : "plain-") + seed), "etcd", "lock",
                Runs.faults(Runs.environment(), "client-pause"), 5, 16, 4, 50, seed, opts);
    }

    private static long count(CheckResult c, String detail) {
        return ((Number) c.details().get(detail)).longValue();
    }

    @Test
    void etcdLockUnderClientPauseLosesAnIncrementWithoutFencingAndNotWithIt(@TempDir Path results) throws Exception {
        Runs.needEtcd();
        // A pause that lands after the holder's write (just before its release) overlaps nothing, so
        // a seed may miss; a few seeds, the first that shows it is kept.
        RunResult plain = null;
        long seed = 1;
        for (; seed <= 3; seed++) {
            plain = etcdUnderClientPause(results, seed, false);
            if (result(plain, "lock").verdict() == Verdict.INVALID) break;
            System.out.println("seed " + seed + ": the pause overlapped no section this time; trying the next seed");
        }
        RunResult unfenced = plain;
        CheckResult lock = result(unfenced, "lock");
        assertEquals(Verdict.INVALID, lock.verdict(), () -> "results in " + unfenced.dir() + ": " + lock.summary());
        assertTrue(lock.anomalies().getFirst().explanation().matches("p\\d+ entered its critical section at .* while p\\d+ held the lock until .*"),
                lock.anomalies().getFirst().explanation());
        assertTrue(unfenced.stats().faults() >= 1 && unfenced.exitCode() == 1, () -> "exit " + unfenced.exitCode() + ", " + unfenced.stats());

        RunResult fenced = etcdUnderClientPause(results, seed, true);
        CheckResult fencedLock = result(fenced, "lock");
        assertEquals(Verdict.VALID, fencedLock.verdict(), () -> "results in " + fenced.dir() + ": " + fencedLock.anomalies());
        assertEquals(Verdict.VALID, result(fenced, "linearizable").verdict());
        assertTrue(count(fencedLock, "fenced-writes") >= 1, () -> "the pause made a stale write that fencing refused: "
                + fencedLock.details());
        assertEquals(0, fenced.exitCode(), () -> "results in " + fenced.dir());
    }

    @Test
    void curatorAndRaftstoreLocksKeepMutualExclusionUnderKills(@TempDir Path results) throws Exception {
        for (String store : List.of("zookeeper", "raftstore")) {
            RunResult r = Runs.run(results.resolve(store), store, "lock", Runs.faults(Runs.environment(), "kill"), 3, 14, 4, 50, 5L,
                    Map.of("nemesis.kill.targets", "one", "workload.hold-ms", "100"));
            CheckResult lock = result(r, "lock");
            assertEquals(Verdict.VALID, lock.verdict(), () -> store + ", results in " + r.dir() + ": " + lock.anomalies());
            assertEquals(Verdict.VALID, result(r, "linearizable").verdict(), store);
            assertTrue(count(lock, "acknowledged-increments") >= 10, () -> store + ": the lock changed hands: " + lock.details());
            assertTrue(r.stats().faults() >= 1, () -> store + ": a kill was injected: " + r.stats());
        }
    }
}
