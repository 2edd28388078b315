package io.faultline.stores.etcd;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.check.Verdict;
import io.faultline.runner.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * etcd's read modes under a partition that isolates one member: serializable reads are answered
 * by the isolated member from its own, frozen state (stale, so not linearizable, but never going
 * backwards for a client pinned there); linearizable reads go through the leader's ReadIndex.
 */
class EtcdSessionTest {
    private static final Map<String, String> ISOLATE_ONE = Map.of("nemesis.partition.modes", "one");

    @BeforeAll
    static void needEtcdAndNamespaces() {
        Runs.needEtcd();
        Assumptions.assumeTrue(Runs.environment().equals("local"), "partitions need network namespaces");
    }

    @Test
    void serializableReadsAreStaleButKeepSessionGuarantees(@TempDir Path results) throws Exception {
        Map<String, String> opts = new java.util.HashMap<>(ISOLATE_ONE);
        opts.put("store.read-mode", "serializable");
        RunResult r = Runs.run(results, "etcd", "session", List.of("partition"), 3, 18, 10, 100, 11L, opts);
        assertEquals(Verdict.INVALID, Runs.verdict(r, "linearizable"),
                () -> "an isolated member answering serializable reads serves stale values; results in " + r.dir());
        for (String c : Runs.SESSION_CHECKERS) {
            assertEquals(Verdict.VALID, Runs.verdict(r, c), () -> c + " should hold per pinned client; results in " + r.dir());
        }
    }

    @Test
    @Tag("slow")
    void linearizableReadsStayLinearizable(@TempDir Path results) throws Exception {
        RunResult r = Runs.run(results, "etcd", "session", List.of("partition"), 3, 18, 10, 100, 11L, ISOLATE_ONE);
        assertEquals(Verdict.VALID, r.verdict(), () -> "results in " + r.dir() + ": " + r.results());
    }
}
