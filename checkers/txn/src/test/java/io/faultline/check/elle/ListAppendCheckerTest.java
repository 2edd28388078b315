package io.faultline.check.elle;

import static io.faultline.check.H.h;
import static io.faultline.check.H.l;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.check.Anomaly;
import io.faultline.check.CheckResult;
import io.faultline.check.H;
import io.faultline.check.UnsuitableHistoryException;
import io.faultline.check.Verdict;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ListAppendCheckerTest {
    static final IsolationSpec SERIALIZABLE = new IsolationSpec(List.of("serializable"), List.of());

    static List<Object> a(String k, long v) {
        return l("append", k, v);
    }

    static List<Object> r(String k, Object list) {
        return l("r", k, list);
    }

    static List<Object> txn(Object... mops) {
        return l(mops);
    }

    /** One committed transaction by process p. */
    static H t(H h, int p, List<Object> mops) {
        return h.op(p, "txn", null, mops, mops);
    }

    static Set<String> types(CheckResult r) {
        Set<String> s = new TreeSet<>();
        for (Anomaly a : r.anomalies()) s.add(a.type());
        return s;
    }

    static CheckResult check(H h) {
        return new ListAppendChecker().check(h.build());
    }

    static void valid(H h) {
        CheckResult r = check(h);
        assertEquals(Verdict.VALID, r.verdict(), r.anomalies().toString());
    }

    @Test
    void g0WriteCycle() {
        H base = h();
        t(base, 0, txn(a("x", 1), a("y", 1)));
        t(base, 1, txn(a("x", 2), a("y", 2)));
        CheckResult res = check(t(base, 2, txn(r("x", l(1L, 2L)), r("y", l(2L, 1L)))));
        assertEquals(Set.of("G0"), types(res));
        String text = res.anomalies().get(0).explanation();
        assertTrue(text.contains("appended 2 to x after T") && text.contains("a contradiction"), text);
        assertTrue(((List<?>) res.details().get("ruled-out-models")).contains("read-uncommitted"));
        H clean = h();
        t(clean, 0, txn(a("x", 1), a("y", 1)));
        t(clean, 1, txn(a("x", 2), a("y", 2)));
        valid(t(clean, 2, txn(r("x", l(1L, 2L)), r("y", l(1L, 2L)))));
    }

    @Test
    void g1aAbortedRead() {
        H h = h().invoke(0, "txn", null, txn(a("x", 1))).fail(0);
        CheckResult res = check(t(h, 1, txn(r("x", l(1L)))));
        assertEquals(Set.of("G1a"), types(res));
        valid(t(h().invoke(0, "txn", null, txn(a("x", 1))).fail(0), 1, txn(r("x", l()))));
    }

    @Test
    void g1bIntermediateRead() {
        H h = t(h(), 0, txn(a("x", 1), a("x", 2)));
        // as in Elle, the reader also missed the writer's later append: a G-single-item cycle with it
        assertEquals(Set.of("G1b", "G-single-item"), types(check(t(h, 1, txn(r("x", l(1L)))))));
        valid(t(t(h(), 0, txn(a("x", 1), a("x", 2))), 1, txn(r("x", l(1L, 2L)))));
    }

    @Test
    void g1cCircularInformationFlow() {
        H h = t(h(), 0, txn(a("x", 1), r("y", l(2L))));
        CheckResult res = check(t(h, 1, txn(a("y", 2), r("x", l(1L)))));
        assertEquals(Set.of("G1c"), types(res));
        assertTrue(res.anomalies().get(0).explanation().contains("read T"), res.anomalies().get(0).explanation());
        valid(t(t(h(), 0, txn(a("x", 1), r("y", l()))), 1, txn(a("y", 2), r("x", l(1L)))));
    }

    @Test
    void gSingleReadSkew() {
        H h = t(h(), 1, txn(a("z", 3), a("x", 2)));
        t(h, 0, txn(r("x", l()), r("z", l(3L))));
        CheckResult res = check(t(h, 2, txn(r("x", l(2L)))));
        assertEquals(Set.of("G-single-item"), types(res));
        String text = res.anomalies().get(0).explanation();
        assertTrue(text.contains("'s read of x missed T") && text.contains("append of 2"), text);
        assertTrue(!((List<?>) res.details().get("ruled-out-models")).contains("read-committed"));
        H c = t(h(), 1, txn(a("z", 3), a("x", 2)));
        valid(t(c, 0, txn(r("x", l(2L)), r("z", l(3L)))));
    }

    @Test
    void g2ItemWriteSkew() {
        H h = h().invoke(0, "txn", null, txn(r("x", null), a("y", 1)))
                .invoke(1, "txn", null, txn(r("y", null), a("x", 2)))
                .ok(0, txn(r("x", l()), a("y", 1))).ok(1, txn(r("y", l()), a("x", 2)));
        CheckResult res = check(t(h, 2, txn(r("x", l(2L)), r("y", l(1L)))));
        assertEquals(Set.of("G2-item"), types(res));
        assertTrue(((List<?>) res.details().get("possible-models")).contains("snapshot-isolation"));
        H c = t(h(), 0, txn(r("x", l()), a("y", 1)));
        t(c, 1, txn(r("y", l(1L)), a("x", 2)));
        valid(t(c, 2, txn(r("x", l(2L)), r("y", l(1L)))));
    }

    @Test
    void lostUpdateIsAlsoAGSingleCycle() {
        H h = h().invoke(0, "txn", null, txn(r("x", null), a("x", 1)))
                .invoke(1, "txn", null, txn(r("x", null), a("x", 2)))
                .ok(0, txn(r("x", l()), a("x", 1))).ok(1, txn(r("x", l()), a("x", 2)));
        CheckResult res = check(t(h, 2, txn(r("x", l(1L, 2L)))));
        assertEquals(Set.of("G-single-item", "lost-update"), types(res));
        H c = t(h(), 0, txn(r("x", l()), a("x", 1)));
        t(c, 1, txn(r("x", l(1L)), a("x", 2)));
        valid(t(c, 2, txn(r("x", l(1L, 2L)))));
    }

    @Test
    void internalInconsistency() {
        assertEquals(Set.of("internal"), types(check(t(h(), 0, txn(a("x", 1), r("x", l()))))));
        valid(t(h(), 0, txn(a("x", 1), r("x", l(1L)))));
    }

    @Test
    void duplicateElements() {
        H h = t(h(), 0, txn(a("x", 1)));
        assertEquals(Set.of("duplicate-elements"), types(check(t(h, 1, txn(r("x", l(1L, 1L)))))));
        valid(t(t(h(), 0, txn(a("x", 1))), 1, txn(r("x", l(1L)))));
    }

    @Test
    void incompatibleOrders() {
        H h = t(t(h(), 0, txn(a("x", 1))), 1, txn(a("x", 2)));
        t(h, 2, txn(r("x", l(1L, 2L))));
        assertEquals(Set.of("incompatible-order"), types(check(t(h, 3, txn(r("x", l(2L, 1L)))))));
        H c = t(t(h(), 0, txn(a("x", 1))), 1, txn(a("x", 2)));
        t(c, 2, txn(r("x", l(1L, 2L))));
        // a later read of a shorter prefix is serializable (not strict: it began after [1, 2] was read)
        CheckResult prefix = new ListAppendChecker(SERIALIZABLE).check(t(c, 3, txn(r("x", l(1L)))).build());
        assertEquals(Verdict.VALID, prefix.verdict(), prefix.summary());
    }

    @Test
    void realTimeEdgesFollowTheRequestedModel() {
        // T2 began after T1 committed yet missed its append: serializable, not strict serializable
        H h = t(t(h(), 0, txn(a("x", 1))), 1, txn(r("x", l())));
        t(h, 2, txn(r("x", l(1L))));
        CheckResult ser = new ListAppendChecker(SERIALIZABLE).check(h.build());
        assertEquals(Verdict.VALID, ser.verdict());
        assertEquals("ww, wr, rw", ser.details().get("edges-used"));
        CheckResult strict = new ListAppendChecker(IsolationSpec.STRICT_SERIALIZABLE, 1_000_000).check(h.build());
        assertEquals(Set.of("G-single-item-realtime"), types(strict));
        assertEquals(List.of("strict-serializable", "strong-snapshot-isolation"),
                strict.details().get("ruled-out-models"));
        assertEquals(List.of(), strict.details().get("models-holding"));
        assertEquals(List.of("serializable"), ser.details().get("models-holding"));
    }

    @Test
    void exhaustedBudgetIsUnknownNeverValid() {
        H h = h().invoke(0, "txn", null, txn(r("x", null), a("y", 1)))
                .invoke(1, "txn", null, txn(r("y", null), a("x", 2)))
                .ok(0, txn(r("x", l()), a("y", 1))).ok(1, txn(r("y", l()), a("x", 2)));
        t(h, 2, txn(r("x", l(2L)), r("y", l(1L))));
        CheckResult res = new ListAppendChecker(SERIALIZABLE, 0).check(h.build());
        assertEquals(Verdict.UNKNOWN, res.verdict(), res.summary());
    }

    @Test
    void unsuitableHistories() {
        var e = assertThrows(UnsuitableHistoryException.class, () -> check(h().op(0, "write", "x", 1L, 1L)));
        assertTrue(e.getMessage().contains("list-append") && e.getMessage().contains("f=\"write\""), e.getMessage());
        var m = assertThrows(UnsuitableHistoryException.class, () -> check(h().op(0, "txn", null,
                txn(l("w", "x", 1L)), txn(l("w", "x", 1L)))));
        assertTrue(m.getMessage().contains("not [\"append\", key, value]"), m.getMessage());
        var d = assertThrows(UnsuitableHistoryException.class, () -> check(t(t(h(), 0, txn(a("x", 1))), 1,
                txn(a("x", 1)))));
        assertTrue(d.getMessage().contains("unique"), d.getMessage());
    }
}
