package io.faultline.check.counter;

import static io.faultline.check.H.h;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.check.CheckResult;
import io.faultline.check.UnsuitableHistoryException;
import io.faultline.check.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class CounterCheckerTest {
    private static List<String> types(CheckResult r) {
        return r.anomalies().stream().map(a -> a.type()).distinct().toList();
    }

    @Test
    void readWithinBoundsIsValid() {
        CheckResult r = new CounterChecker().check(h()
                .op(0, "add", "c", 1L, 1L).invoke(1, "add", "c", 5L).info(1)
                .op(0, "read", "c", null, 6L).op(2, "read", "c", null, 1L).build());
        assertEquals(Verdict.VALID, r.verdict(), r.anomalies().toString());
    }

    @Test
    void readBelowAcknowledgedAddsIsTooLow() {
        CheckResult r = new CounterChecker().check(h()
                .op(0, "add", "c", 1L, 1L).op(0, "add", "c", 2L, 2L).op(1, "read", "c", null, 1L).build());
        assertEquals(List.of("counter-too-low"), types(r));
        assertTrue(r.anomalies().get(0).explanation().contains("[3, 3]"), r.anomalies().get(0).explanation());
    }

    @Test
    void readAboveEveryPossibleAddIsTooHigh() {
        CheckResult r = new CounterChecker().check(h()
                .op(0, "add", "c", 1L, 1L).invoke(2, "add", "c", 4L).fail(2).op(1, "read", "c", null, 5L).build());
        assertEquals(List.of("counter-too-high"), types(r));
    }

    @Test
    void concurrentAddMayOrMayNotCount() {
        var hist = h().invoke(0, "add", "c", 2L).invoke(1, "read", "c", null).ok(1, 2L).ok(0).build();
        assertEquals(Verdict.VALID, new CounterChecker().check(hist).verdict());
    }

    @Test
    void unsuitable() {
        var e = assertThrows(UnsuitableHistoryException.class, () -> new CounterChecker().check(h()
                .op(0, "read", "c", null, List.of(1L)).build()));
        assertTrue(e.getMessage().contains("expected an integer count"), e.getMessage());
    }
}
