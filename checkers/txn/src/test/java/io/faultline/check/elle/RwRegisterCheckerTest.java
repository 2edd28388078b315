package io.faultline.check.elle;

import static io.faultline.check.H.h;
import static io.faultline.check.H.l;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.check.CheckResult;
import io.faultline.check.H;
import io.faultline.check.UnsuitableHistoryException;
import io.faultline.check.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rw-register checker's explanations and refusals (its verdicts are pinned by the fixtures). */
class RwRegisterCheckerTest {
    static List<Object> w(String k, long v) {
        return l("w", k, v);
    }

    static List<Object> r(String k, Object v) {
        return l("r", k, v);
    }

    @Test
    void readSkewIsExplainedInRegisterWords() {
        // T1 writes x=1, y=1; T2 reads x=1 but y unset, concurrently: T2 saw half of T1
        H h = h().invoke(0, "txn", null, l(w("x", 1), w("y", 1))).invoke(1, "txn", null, l(r("x", null), r("y", null)))
                .ok(0, l(w("x", 1), w("y", 1))).ok(1, l(r("x", 1L), r("y", null)));
        CheckResult res = new RwRegisterChecker().check(h.build());
        assertEquals(Verdict.INVALID, res.verdict(), res.summary());
        assertEquals("G-single-item", res.anomalies().get(0).type());
        String text = res.anomalies().get(0).explanation();
        assertTrue(text.contains("read T") && text.contains("'s write of 1 to x")
                && text.contains("'s read of y missed T"), text);
    }

    @Test
    void unsuitableHistoriesAreRefusedNamingWhy() {
        var dup = assertThrows(UnsuitableHistoryException.class, () -> new RwRegisterChecker().check(
                h().op(0, "txn", null, l(w("x", 1)), l(w("x", 1))).op(1, "txn", null, l(w("x", 1)), l(w("x", 1))).build()));
        assertTrue(dup.getMessage().contains("unique"), dup.getMessage());
        var kind = assertThrows(UnsuitableHistoryException.class, () -> new RwRegisterChecker().check(
                h().op(0, "txn", null, l(l("append", "x", 1L)), l(l("append", "x", 1L))).build()));
        assertTrue(kind.getMessage().contains("is not [\"w\", key, value] or [\"r\", key, value]"), kind.getMessage());
    }
}
