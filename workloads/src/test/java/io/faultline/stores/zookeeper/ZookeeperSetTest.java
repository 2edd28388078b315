package io.faultline.stores.zookeeper;

import io.faultline.stores.etcd.Runs;
import io.faultline.workloads.set.SetRuns;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set workload on a real three-server ZooKeeper ensemble under partitions and kills: one
 * persistent znode per element, and a final {@code sync} + getChildren after healing. Kills take
 * one server or a minority: after killing all three, the restarted JVMs needed more than 10 s on
 * this shared 2-core machine to elect a leader and serve again, which leaves a 15 s run with
 * almost no acknowledged adds to check (etcd's test kills all members too).
 */
class ZookeeperSetTest {
    @Test
    void setUnderPartitionAndKillKeepsEveryAcknowledgedAdd(@TempDir Path results) throws Exception {
        SetRuns.assertKeptEveryAcknowledgedAdd(Runs.run(results, "zookeeper", "set",
                Runs.faults(Runs.environment(), "partition", "kill"), 3, 15, 10, 100, 20261124L,
                Map.of("nemesis.kill.targets", "one,minority")), 150);
    }
}
