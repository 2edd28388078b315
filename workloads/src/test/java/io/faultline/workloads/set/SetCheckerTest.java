package io.faultline.workloads.set;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.check.CheckResult;
import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetCheckerTest {
    private final List<Op> events = new ArrayList<>();

    private void op(int process, String f, Object invValue, OpType type, Object doneValue) {
        events.add(new Op(events.size(), events.size(), process, OpType.INVOKE, f, "set", invValue, null, null));
        events.add(new Op(events.size(), events.size(), process, type, f, "set", doneValue, null, null));
    }

    private CheckResult check() {
        return new SetChecker().check(History.of(events));
    }

    @Test
    void allAcknowledgedPresentIsValidAndInfoAddsMayBeEither() {
        op(0, "add", 1L, OpType.OK, 1L);
        op(1, "add", 2L, OpType.INFO, 2L);
        op(2, "add", 3L, OpType.INFO, 3L);
        op(3, "add", 4L, OpType.FAIL, 4L);
        op(4, "read", null, OpType.OK, List.of(1L, 2L));
        CheckResult r = check();
        assertEquals(Verdict.VALID, r.verdict(), r.summary());
        assertEquals(1L, r.details().get("recovered-indeterminate"));
    }

    @Test
    void lostUnexpectedAndDuplicatedAreReported() {
        op(0, "add", 1L, OpType.OK, 1L);
        op(0, "add", 2L, OpType.OK, 2L);
        op(0, "add", 3L, OpType.OK, 3L);
        op(1, "read", null, OpType.OK, List.of(1L, 3L, 3L, 99L));
        CheckResult r = check();
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(List.of("lost-write", "unexpected", "duplicated"), r.anomalies().stream().map(a -> a.type()).toList());
        assertTrue(r.anomalies().get(0).explanation().contains("2"), r.anomalies().get(0).explanation());
        assertTrue(r.anomalies().get(1).explanation().endsWith("99"));
        assertTrue(r.anomalies().get(2).explanation().endsWith("3"));
    }

    @Test
    void theLastSuccessfulReadCountsAndNoReadIsUnknown() {
        op(0, "add", 1L, OpType.OK, 1L);
        op(1, "read", null, OpType.FAIL, null);
        assertEquals(Verdict.UNKNOWN, check().verdict());
        op(1, "read", null, OpType.OK, List.of());
        op(0, "add", 2L, OpType.OK, 2L);
        op(1, "read", null, OpType.OK, List.of(1L, 2L));
        assertEquals(Verdict.VALID, check().verdict(), "an earlier read that missed everything does not count");
    }
}
