package io.faultline.check.election;

import static io.faultline.check.H.h;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.check.CheckResult;
import io.faultline.check.UnsuitableHistoryException;
import io.faultline.check.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElectionCheckerTest {
    private static List<String> types(CheckResult r) {
        return r.anomalies().stream().map(a -> a.type()).distinct().toList();
    }

    @Test
    void twoHoldersAtOnce() {
        CheckResult r = new ElectionChecker().check(h()
                .op(0, "acquire", "lock", null, 1L)
                .op(1, "acquire", "lock", null, 2L)
                .op(0, "hold", "lock", null, null)
                .op(0, "release", "lock", null, null)
                .op(1, "release", "lock", null, null).build());
        assertEquals(List.of("two-holders"), types(r));
        String text = r.anomalies().get(0).explanation();
        assertTrue(text.contains("process 0") && text.contains("process 1") && text.contains("from 0.00"), text);
        assertEquals(1L, r.details().get("overlap-count"));
    }

    @Test
    void handOverIsValid() {
        CheckResult r = new ElectionChecker().check(h()
                .op(0, "acquire", "lock", null, 1L).op(0, "release", "lock", null, null)
                .op(1, "acquire", "lock", null, 2L).op(1, "hold", "lock", null, null)
                .invoke(2, "acquire", "lock", null).info(2)
                .op(1, "lease-lost", "lock", null, null).build());
        assertEquals(Verdict.VALID, r.verdict(), r.anomalies().toString());
    }

    @Test
    void refusedReleaseEndsTheWindowAtTheLastHold() {
        // Process 0's lease ran out while it was paused: its release is refused (fail), and process
        // 1 acquired in between. Only the hold before the pause counts as holding.
        CheckResult r = new ElectionChecker().check(h()
                .op(0, "acquire", "lock", null, 1L).op(0, "hold", "lock", null, null)
                .op(1, "acquire", "lock", null, 2L).op(1, "hold", "lock", null, null)
                .invoke(0, "release", "lock", null).fail(0)
                .op(1, "release", "lock", null, null).build());
        assertEquals(Verdict.VALID, r.verdict(), r.anomalies().toString());

        // The same history with the release acknowledged: process 0 claimed the lock until then.
        CheckResult overlap = new ElectionChecker().check(h()
                .op(0, "acquire", "lock", null, 1L).op(0, "hold", "lock", null, null)
                .op(1, "acquire", "lock", null, 2L).op(1, "hold", "lock", null, null)
                .op(0, "release", "lock", null, null)
                .op(1, "release", "lock", null, null).build());
        assertEquals(List.of("two-holders"), types(overlap));
    }

    @Test
    void fencingTokensMustIncrease() {
        CheckResult r = new ElectionChecker().check(h()
                .op(0, "acquire", "lock", null, 5L).op(0, "release", "lock", null, null)
                .op(1, "acquire", "lock", null, java.util.Map.of("token", 4L)).op(1, "release", "lock", null, null)
                .build());
        assertEquals(List.of("fencing-token"), types(r));
        assertTrue(r.anomalies().get(0).explanation().contains("token 4"), r.anomalies().get(0).explanation());
    }

    @Test
    void unsuitable() {
        var e = assertThrows(UnsuitableHistoryException.class, () -> new ElectionChecker().check(h()
                .op(0, "acquire", "lock", null, List.of(1L)).build()));
        assertTrue(e.getMessage().contains("fencing token"), e.getMessage());
        assertThrows(UnsuitableHistoryException.class, () -> new ElectionChecker().check(h()
                .op(0, "write", "x", 1L, 1L).build()));
    }
}
