package io.faultline.check.set;

import static io.faultline.check.H.h;
import static io.faultline.check.H.l;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.check.Anomaly;
import io.faultline.check.CheckResult;
import io.faultline.check.UnsuitableHistoryException;
import io.faultline.check.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetCheckerTest {
    private static List<String> types(CheckResult r) {
        return r.anomalies().stream().map(Anomaly::type).distinct().toList();
    }

    @Test
    void cleanHistoryIsValid() {
        CheckResult r = new SetChecker().check(h()
                .op(0, "add", "s", 1L, 1L).op(1, "add", "s", 2L, 2L)
                .invoke(2, "add", "s", 3L).info(2)
                .op(0, "read", "s", null, l(1L, 2L)).build());
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        assertEquals(2L, r.details().get("stable-count"));
    }

    @Test
    void lostAcknowledgedAdd() {
        CheckResult r = new SetChecker().check(h()
                .op(0, "add", "s", 1L, 1L).op(1, "add", "s", 2L, 2L)
                .op(0, "read", "s", null, l(1L)).build());
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(List.of("lost"), types(r));
        assertTrue(r.anomalies().get(0).explanation().contains("element 2"), r.anomalies().get(0).explanation());
        assertEquals(List.of(2L, 4L), r.anomalies().get(0).opIndexes());
    }

    @Test
    void elementSeenThenGoneIsLostEvenIfAddWasIndeterminate() {
        CheckResult r = new SetChecker().check(h()
                .invoke(0, "add", "s", 7L).info(0)
                .op(1, "read", "s", null, l(7L)).op(1, "read", "s", null, l()).build());
        assertEquals(List.of("lost"), types(r));
    }

    @Test
    void unexpectedAndFailedAddsAppearing() {
        CheckResult r = new SetChecker().check(h()
                .invoke(0, "add", "s", 1L).fail(0)
                .op(1, "read", "s", null, l(1L, 9L)).build());
        assertEquals(List.of("unexpected"), types(r));
        assertEquals(2L, r.details().get("unexpected-count"));
    }

    @Test
    void duplicatedElement() {
        CheckResult r = new SetChecker().check(h()
                .op(0, "add", "s", 1L, 1L).op(1, "read", "s", null, l(1L, 1L)).build());
        assertEquals(List.of("duplicated"), types(r));
    }

    @Test
    void staleWindowIsReportedAndOnlyStrictModeCallsItAnAnomaly() {
        var hist = h().op(0, "add", "s", 1L, 1L)
                .op(1, "read", "s", null, l()).op(1, "read", "s", null, l(1L)).build();
        CheckResult lax = new SetChecker().check(hist);
        assertEquals(Verdict.VALID, lax.verdict());
        assertEquals(1L, lax.details().get("stale-count"));
        CheckResult strict = new SetChecker(true).check(hist);
        assertEquals(List.of("stale-read"), types(strict));
    }

    @Test
    void noReadIsUnknown() {
        assertEquals(Verdict.UNKNOWN, new SetChecker().check(h().op(0, "add", "s", 1L, 1L).build()).verdict());
    }

    @Test
    void registerHistoryIsRejectedWithTheOp() {
        var e = assertThrows(UnsuitableHistoryException.class, () -> new SetChecker().check(h()
                .op(0, "write", "x", 1L, 1L).build()));
        assertTrue(e.getMessage().contains("f=\"write\"") && e.getMessage().contains("op index 0"), e.getMessage());
        var e2 = assertThrows(UnsuitableHistoryException.class, () -> new SetChecker().check(h()
                .op(0, "read", "x", null, 5L).build()));
        assertTrue(e2.getMessage().contains("expected a list"), e2.getMessage());
    }
}
