package io.faultline.workloads.append;

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
 * Elle's rw-register workload on every store's transactions (raftstore's txn, etcd's guarded txns,
 * ZooKeeper's checked multis): strict serializable under kills, and raftstore's planted lack of
 * isolation is caught.
 */
class RwRegisterOnStoresTest {

    private static CheckResult rwRegister(RunResult r) {
        return r.results().stream().filter(x -> x.checker().equals("rw-register")).findFirst().orElseThrow();
    }

    @Test
    void raftstoreTransactionsAreStrictSerializableUnderKills(@TempDir Path results) throws Exception {
        assertStrictSerializable(Runs.run(results, "raftstore", "rw-register", Runs.faults(Runs.environment(), "kill"), 3, 12,
                8, 100, 9L, Map.of("nemesis.kill.targets", "one,minority")));
    }

    @Test
    void etcdGuardedTxnsAreStrictSerializableUnderKills(@TempDir Path results) throws Exception {
        Runs.needEtcd();
        assertStrictSerializable(Runs.run(results, "etcd", "rw-register", Runs.faults(Runs.environment(), "kill"), 3, 12,
                8, 100, 9L, Map.of("nemesis.kill.targets", "one,minority")));
    }

    @Test
    void zookeeperCheckedMultisAreStrictSerializableUnderKills(@TempDir Path results) throws Exception {
        assertStrictSerializable(Runs.run(results, "zookeeper", "rw-register", Runs.faults(Runs.environment(), "kill"), 3, 12,
                8, 100, 9L, Map.of("nemesis.kill.targets", "one,minority")));
    }

    private static void assertStrictSerializable(RunResult r) {
        CheckResult c = rwRegister(r);
        assertEquals(Verdict.VALID, c.verdict(), () -> "results in " + r.dir() + ": " + c.summary() + " " + c.anomalies());
        assertTrue(c.summary().contains("strict-serializable holds"), c.summary());
        assertTrue(r.stats().ok() >= 30, () -> "transactions committed: " + r.stats());
    }

    @Test
    void withoutTransactionIsolationTheCheckerFindsCycles(@TempDir Path results) throws Exception {
        RunResult r = Runs.run(results, "raftstore", List.of("no-txn-isolation"), "rw-register", List.of(), 3, 10, 10, 200, 3L,
                Map.of("workload.keys", "2", "workload.max-ops", "4"));
        CheckResult c = rwRegister(r);
        assertEquals(Verdict.INVALID, c.verdict(), () -> "results in " + r.dir() + ": " + c.summary());
        assertTrue(c.anomalies().stream().anyMatch(a -> a.type().startsWith("G") || a.type().equals("lost-update")),
                c.anomalies().toString());
    }
}
