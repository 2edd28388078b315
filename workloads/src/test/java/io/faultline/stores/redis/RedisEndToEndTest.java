package io.faultline.stores.redis;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.check.CheckResult;
import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.history.JsonlReader;
import io.faultline.history.Operation;
import io.faultline.runner.RunResult;
import io.faultline.stores.etcd.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole runs against Redis with Sentinel: register, set (with WAIT 1) and append come out valid
 * with no faults; under a
 * partition of the primary, the set checker finds acknowledged adds lost, and the history itself
 * shows it (acknowledged, then missing from the final read). About 100 s in all.
 */
class RedisEndToEndTest {
    @BeforeAll
    static void needRedis() {
        RedisTests.needRedis();
    }

    @Test
    void registerSetAndAppendAreValidWithoutFaults(@TempDir Path results) throws Exception {
        RunResult register = Runs.run(results, "redis", "register", List.of(), 5, 8, 5, 100, 20261206L, Map.of());
        assertEquals(Verdict.VALID, register.verdict(), () -> "results in " + register.dir());
        assertTrue(register.stats().ok() >= 300, () -> "ops acknowledged: " + register.stats());
        String testJson = Files.readString(register.dir().resolve("test.json"));
        assertTrue(testJson.contains("\"store-process-settings\"") && testJson.contains("\"min-replicas-to-write\""), testJson);
        RunResult set = Runs.run(results, "redis", "set", List.of(), 5, 8, 5, 100, 20261207L,
                Map.of("store.wait-replicas", "1"));
        assertEquals(Verdict.VALID, set.verdict(), () -> "results in " + set.dir());
        assertTrue(set.stats().ok() >= 300, () -> "ops acknowledged: " + set.stats());
        RunResult append = Runs.run(results, "redis", "append", List.of(), 5, 8, 5, 100, 20261208L, Map.of());
        assertEquals(Verdict.VALID, append.verdict(), () -> "results in " + append.dir());
        assertTrue(append.stats().ok() >= 300, () -> "ops acknowledged: " + append.stats());
    }

    @Test
    void aPartitionedPrimaryLosesAcknowledgedAdds(@TempDir Path results) throws Exception {
        String env = Runs.environment();
        if (!env.equals("local")) {
            String why = "partitions need network namespaces (root and ip netns); this machine gives " + env;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) fail("CI=true, and " + why);
            org.junit.jupiter.api.Assumptions.abort(why);
        }
        RunResult r = Runs.run(results, "redis", "set", List.of("partition"), 10, 25, 10, 100, 1L,
                Map.of("nemesis.partition.modes", "leader"));
        assertEquals("", r.faultShortfall(), () -> "the partition took effect; results in " + r.dir());
        CheckResult set = r.results().stream().filter(c -> c.checker().equals("set")).findFirst().orElseThrow();
        assertEquals(Verdict.INVALID, set.verdict(), () -> "results in " + r.dir() + ": " + set.summary());

        // The history itself, apart from the checker: adds acknowledged, then absent from the final read.
        History h = JsonlReader.read(r.dir().resolve("history.jsonl"));
        Set<Object> acknowledged = new HashSet<>();
        for (Operation o : h.operations()) if (o.f().equals("add") && o.isOk()) acknowledged.add(o.invocation().value());
        List<Operation> reads = h.operations().stream().filter(o -> o.f().equals("read") && o.isOk()).toList();
        assertFalse(reads.isEmpty(), "the final read succeeded");
        Set<Object> seen = new HashSet<>((List<?>) reads.getLast().completion().value());
        long lost = acknowledged.stream().filter(e -> !seen.contains(e)).count();
        assertTrue(lost > 0, "acknowledged adds missing from the final read: " + lost);
        assertEquals(lost, ((Number) set.details().get("lost-count")).longValue(), () -> "details: " + set.details());
    }
}
