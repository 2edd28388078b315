package io.faultline.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.check.Verdict;
import io.faultline.history.History;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A search that needs more than --max-memory answers unknown and says why. */
class MemoryBudgetTest {
    private static History sequentialWrites(int n) {
        HistoryBuilder b = new HistoryBuilder();
        for (int i = 0; i < n; i++) b.invoke(0, "write", (long) (i % 5)).ok(0);
        return b.build();
    }

    // Without segments: sequential writes would otherwise be 1-op segments that never fill a cache.
    private static LinearizabilityResult check(History h, long maxMemory) {
        return new LinearizabilityChecker(Models.standard().byName("register").orElseThrow(), null,
                Duration.ofMinutes(1), 1).withMaxMemory(maxMemory).withoutSegments().analyze(h);
    }

    @Test
    void aBudgetTooSmallForTheSearchArraysIsUnknownWithTheReason() {
        LinearizabilityResult r = check(sequentialWrites(2_000), 64 << 10);
        assertEquals(Verdict.UNKNOWN, r.verdict());
        assertTrue(r.partitions().get(0).note().contains("memory budget (0.1 MiB; --max-memory)"),
                r.partitions().get(0).note());
    }

    @Test
    void aBudgetTooSmallForTheCacheIsUnknownWithTheReason() {
        // Room for the per-op arrays (120 bytes an op) and about 100 KB of configurations: not all 10,000.
        LinearizabilityResult r = check(sequentialWrites(10_000), 1_300_000);
        assertEquals(Verdict.UNKNOWN, r.verdict());
        assertTrue(r.partitions().get(0).note().contains("--max-memory"), r.partitions().get(0).note());
    }

    @Test
    void theSameHistoryWithRoomIsValid() {
        assertEquals(Verdict.VALID, check(sequentialWrites(10_000), 64 << 20).verdict());
    }
}
