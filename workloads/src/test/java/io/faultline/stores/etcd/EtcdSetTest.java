package io.faultline.stores.etcd;

import io.faultline.workloads.set.SetRuns;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set workload on three real etcd members under partitions and kills: one key per element,
 * added by blind puts, and a final prefix range read (linearizable) after healing.
 */
class EtcdSetTest {
    @BeforeAll
    static void needEtcd() {
        Runs.needEtcd();
    }

    @Test
    void setUnderPartitionAndKillKeepsEveryAcknowledgedAdd(@TempDir Path results) throws Exception {
        SetRuns.assertKeptEveryAcknowledgedAdd(Runs.run(results, "etcd", "set", Runs.faults(Runs.environment(), "partition", "kill"),
                3, 15, 10, 100, 20261124L, Map.of()), 200);
    }
}
