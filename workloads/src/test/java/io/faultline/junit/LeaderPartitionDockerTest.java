package io.faultline.junit;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.db.Killable;
import io.faultline.check.CheckResult;
import io.faultline.check.Verdict;
import io.faultline.env.Node;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README example: a test class of "your service" that gates on linearizability while the
 * leader is partitioned away, on a raftstore cluster in Docker containers.
 */
@Tag("docker")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@FaultlineCluster(store = "raftstore", nodes = 3, env = FaultlineCluster.Env.DOCKER)
class LeaderPartitionDockerTest {

    @Test
    @Order(2)
    void writesStayLinearizableWhileTheLeaderIsPartitioned(Cluster cluster, Faults faults, HistoryRecorder history)
            throws Exception {
        List<Node> nodes = cluster.nodes();
        for (Node n : nodes) {
            assertTrue(Killable.of(cluster.db()).isRunning(n), n + " runs at the start of every test");
        }
        int process = 0;
        long partitionAt = System.nanoTime() + 2_000_000_000L;
        long healAt = partitionAt + 5_000_000_000L;
        long end = healAt + 2_000_000_000L;
        boolean partitioned = false;
        boolean healed = false;
        for (int i = 0; System.nanoTime() < end && i < 5_000; i++) {
            if (!partitioned && System.nanoTime() > partitionAt) {
                faults.partitionLeader();
                partitioned = true;
            }
            if (partitioned && !healed && System.nanoTime() > healAt) {
                faults.stop("partition");
                healed = true;
            }
            if (!history.usable(process)) {
                process++;
            }
            // Each process talks to one node, as a service instance would.
            KvService service = new KvService(cluster.clientAddress(nodes.get(process % nodes.size())));
            String value = Integer.toString(i);
            if (i % 2 == 0) {
                history.call(process, "write", "k", value, () -> {
                    service.put("k", value);
                    return null;
                });
            } else {
                history.call(process, "read", "k", null, () -> service.get("k"));
            }
        }
        assertTrue(partitioned && healed, "the partition was started and healed");
        CheckResult result = history.assertLinearizable();
        assertEquals(Verdict.VALID, result.verdict());
        long oks = java.nio.file.Files.readAllLines(history.file()).stream().filter(l -> l.contains("\"type\":\"ok\"")).count();
        assertTrue(oks > 20, "the service made progress: " + oks + " ok ops in " + history.file());
    }

    @Test
    @Order(1)
    void killedNodesAreBackForTheNextTest(Cluster cluster, Faults faults, HistoryRecorder history) throws Exception {
        Node leader = cluster.leader().orElseThrow();
        faults.kill("leader");
        assertFalse(Killable.of(cluster.db()).isRunning(leader), "the leader's process is gone");
        assertTrue(java.nio.file.Files.readString(history.file()).contains("start-kill"), "the fault is in the history");
        // The extension restarts it after this test; the next test starts by checking that.
    }
}
