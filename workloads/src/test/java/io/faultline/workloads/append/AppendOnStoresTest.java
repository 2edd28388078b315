package io.faultline.workloads.append;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.check.CheckResult;
import io.faultline.check.Verdict;
import io.faultline.runner.RunResult;
import io.faultline.stores.etcd.Runs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * List-append transactions on real etcd (txn with mod-revision guards) and ZooKeeper (multi with
 * version checks) under kills, checked Elle-style: both must be serializable, and enough
 * transactions must commit for the check to mean something.
 */
class AppendOnStoresTest {

    @Test
    void etcdTxnsWithRevisionGuardsAreSerializableUnderKills(@TempDir Path results) throws Exception {
        assertValid(Runs.run(results, "etcd", "append", Runs.faults(Runs.environment(), "kill"), 5, 15, 8, 80, 9L,
                Map.of("nemesis.kill.targets", "one,minority")));
    }

    @Test
    void zookeeperMultisWithVersionChecksAreSerializableUnderKills(@TempDir Path results) throws Exception {
        assertValid(Runs.run(results, "zookeeper", "append", Runs.faults(Runs.environment(), "kill"), 5, 15, 8, 80, 9L,
                Map.of("nemesis.kill.targets", "one,minority")));
    }

    private static void assertValid(RunResult r) {
        CheckResult c = r.results().stream().filter(x -> x.checker().equals("list-append")).findFirst().orElseThrow();
        assertEquals(Verdict.VALID, c.verdict(), () -> "results in " + r.dir() + ": " + c.summary() + " " + c.anomalies());
        assertTrue(r.stats().ok() >= 30, () -> "transactions committed: " + r.stats());
    }
}
