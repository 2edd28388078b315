package io.faultline.junit;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.check.CheckResult;
import io.faultline.check.Verdict;
import io.faultline.env.Capability;
import io.faultline.env.Node;
import io.faultline.history.Op;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The one-call check catches what it should: a leader cut off from the others still answers
 * serializable reads (raftstore's {@code consistency=serializable}, like etcd's) from its own
 * state, so reading there after a write on the majority side is not linearizable. Deterministic,
 * unlike a random schedule. Subclasses pick the environment with their {@link FaultlineCluster}.
 */
abstract class StaleReadCheck {

    @Test
    void aStaleReadFromAPartitionedLeaderFailsTheCheck(Cluster cluster, Faults faults, HistoryRecorder history)
            throws Exception {
        Assumptions.assumeTrue(cluster.environment().capabilities().contains(Capability.PARTITION),
                () -> "partitions unavailable: " + cluster.environment().whyMissing(Capability.PARTITION));
        Node oldLeader = cluster.leader().orElseThrow();
        KvService atOldLeader = new KvService(cluster.clientAddress(oldLeader));
        history.call(0, "write", "x", "1", () -> {
            atOldLeader.put("x", "1");
            return null;
        });
        Op cut = faults.partitionLeader();
        assertTrue(cut.value() instanceof Map<?, ?>, "the partition names its grudge");
        Node other = cluster.nodes().stream().filter(n -> !n.equals(oldLeader)).findFirst().orElseThrow();
        KvService majority = new KvService(cluster.clientAddress(other));
        int p = 1;
        // The majority elects a new leader within a few election timeouts; retry until a write lands there.
        long until = System.nanoTime() + 20_000_000_000L;
        boolean written = false;
        while (!written && System.nanoTime() < until) {
            if (!history.usable(p)) {
                p++;
            }
            written = history.call(p, "write", "x", "2", () -> {
                majority.put("x", "2");
                return "done";
            }) != null;
            if (!written) {
                Thread.sleep(200);
            }
        }
        assertTrue(written, "the majority side accepted a write");
        String seen = history.call(p + 1, "read", "x", null, () -> atOldLeader.getSerializable("x"));
        assertEquals("1", seen, "the cut-off node still has the old value");
        CheckResult r = history.check();
        assertEquals(Verdict.INVALID, r.verdict(), () -> "a stale read must be caught: " + r.summary() + " in " + history.file());
    }
}
