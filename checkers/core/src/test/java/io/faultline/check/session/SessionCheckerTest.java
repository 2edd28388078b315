package io.faultline.check.session;

import static io.faultline.check.H.h;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.check.Anomaly;
import io.faultline.check.CheckResult;
import io.faultline.check.UnsuitableHistoryException;
import io.faultline.check.Verdict;
import io.faultline.history.History;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionCheckerTest {

    private static CheckResult run(Guarantee g, History h) {
        return new SessionChecker(g).check(h);
    }

    /** The history violates exactly {@code g}: its checker finds it, the other three do not. */
    private static CheckResult assertOnly(Guarantee g, History h) {
        CheckResult hit = null;
        for (Guarantee other : Guarantee.values()) {
            CheckResult r = run(other, h);
            if (other == g) {
                assertEquals(Verdict.INVALID, r.verdict(), g + ": " + r.summary());
                assertEquals(List.of(g.cliName()), r.anomalies().stream().map(Anomaly::type).distinct().toList());
                hit = r;
            } else {
                assertEquals(Verdict.VALID, r.verdict(), other + " on a " + g + " history: " + r.anomalies());
            }
        }
        return hit;
    }

    private static void assertAllValid(History h) {
        for (Guarantee g : EnumSet.allOf(Guarantee.class)) {
            assertEquals(Verdict.VALID, run(g, h).verdict(), g + ": " + run(g, h).anomalies());
        }
    }

    private static Map<String, Object> rv(Object value, long revision) {
        return Map.of("value", value, "revision", revision);
    }

    @Test
    void monotonicReadsRealTime() {
        CheckResult r = assertOnly(Guarantee.MONOTONIC_READS, h()
                .op(0, "write", "x", 1L, 1L).op(0, "write", "x", 2L, 2L)
                .op(1, "read", "x", null, 2L).op(1, "read", "x", null, 1L).build());
        assertEquals("real-time", r.details().get("version-order"));
        String text = r.anomalies().get(0).explanation();
        assertTrue(text.contains("process 1") && text.contains("returned 2") && text.contains("returned 1"), text);
        assertAllValid(h().op(0, "write", "x", 1L, 1L).op(0, "write", "x", 2L, 2L)
                .op(1, "read", "x", null, 1L).op(1, "read", "x", null, 2L).build());
    }

    @Test
    void concurrentWritesAreNotOrdered() {
        // write 2 overlaps write 1, so reading 2 then 1 is no violation in real-time order
        assertAllValid(h().invoke(0, "write", "x", 1L).invoke(2, "write", "x", 2L).ok(0).ok(2)
                .op(1, "read", "x", null, 2L).op(1, "read", "x", null, 1L).build());
    }

    @Test
    void readYourWritesRealTime() {
        assertOnly(Guarantee.READ_YOUR_WRITES, h()
                .op(0, "write", "x", 1L, 1L).op(1, "write", "x", 2L, 2L).op(1, "read", "x", null, 1L).build());
        assertAllValid(h().op(0, "write", "x", 1L, 1L).op(1, "write", "x", 2L, 2L).op(1, "read", "x", null, 2L).build());
    }

    @Test
    void readOfInitialStateAfterOwnWriteViolatesReadYourWrites() {
        assertOnly(Guarantee.READ_YOUR_WRITES, h().op(0, "write", "x", 1L, 1L).op(0, "read", "x", null, null).build());
    }

    @Test
    void monotonicWritesRealTime() {
        CheckResult r = assertOnly(Guarantee.MONOTONIC_WRITES, h()
                .op(0, "write", "x", 1L, 1L).op(0, "write", "y", 1L, 1L)
                .op(1, "read", "y", null, 1L).op(1, "read", "x", null, null).build());
        assertEquals(List.of(0L, 4L, 6L), r.anomalies().get(0).opIndexes());
        assertAllValid(h().op(0, "write", "x", 1L, 1L).op(0, "write", "y", 1L, 1L)
                .op(1, "read", "y", null, 1L).op(1, "read", "x", null, 1L).build());
    }

    @Test
    void writesFollowReadsRealTime() {
        assertOnly(Guarantee.WRITES_FOLLOW_READS, h()
                .op(2, "write", "x", 1L, 1L)
                .op(0, "read", "x", null, 1L).op(0, "write", "y", 1L, 1L)
                .op(1, "read", "y", null, 1L).op(1, "read", "x", null, null).build());
        assertAllValid(h().op(2, "write", "x", 1L, 1L)
                .op(0, "read", "x", null, 1L).op(0, "write", "y", 1L, 1L)
                .op(1, "read", "y", null, 1L).op(1, "read", "x", null, 1L).build());
    }

    @Test
    void revisionOrderIsUsedWhenRecorded() {
        CheckResult mr = assertOnly(Guarantee.MONOTONIC_READS, h()
                .op(0, "read", "x", null, rv(1L, 5)).op(0, "read", "x", null, rv(0L, 3)).build());
        assertEquals("revision", mr.details().get("version-order"));
        assertTrue(mr.anomalies().get(0).explanation().contains("revision 3 is older than revision 5"));
        assertOnly(Guarantee.READ_YOUR_WRITES, h()
                .invoke(0, "write", "x", 1L).ok(0, rv(1L, 7)).op(0, "read", "x", null, rv(0L, 6)).build());
        assertOnly(Guarantee.MONOTONIC_WRITES, h()
                .invoke(0, "write", "x", 1L).ok(0, rv(1L, 7)).invoke(0, "write", "y", 1L).ok(0, rv(1L, 6)).build());
        assertOnly(Guarantee.WRITES_FOLLOW_READS, h()
                .op(0, "read", "x", null, rv(1L, 9)).invoke(0, "write", "y", 1L).ok(0, rv(1L, 8)).build());
        assertAllValid(h().op(0, "read", "x", null, rv(1L, 9)).invoke(0, "write", "y", 1L).ok(0, rv(1L, 10))
                .op(0, "read", "y", null, rv(1L, 10)).build());
    }

    @Test
    void indeterminateWritesAreNeverOlder() {
        assertAllValid(h().invoke(0, "write", "x", 1L).info(0).op(1, "write", "x", 2L, 2L)
                .op(1, "read", "x", null, 1L).build());
    }

    @Test
    void unsuitableHistoriesAreRejected() {
        var e = assertThrows(UnsuitableHistoryException.class, () -> run(Guarantee.MONOTONIC_READS,
                h().op(0, "add", "s", 1L, 1L).build()));
        assertTrue(e.getMessage().contains("f=\"add\"") && e.getMessage().contains("monotonic-reads"), e.getMessage());
        var t = assertThrows(UnsuitableHistoryException.class, () -> run(Guarantee.READ_YOUR_WRITES,
                h().op(0, "txn", null, List.of(), List.of()).build()));
        assertTrue(t.getMessage().contains("list-append"), t.getMessage());
    }
}
