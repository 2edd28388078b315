package io.faultline.check.elle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faultline.check.Anomaly;
import io.faultline.check.CheckResult;
import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The anomalous histories of Elle's own list-append tests (elle/test/elle/list_append_test.clj),
 * written again in faultline's terms, each with the anomaly types, the weakest ruled-out models
 * ({@code :not}) and the validity Elle's tests assert for the models asked for. Transactions use
 * Elle's shorthand: {@code "ax1ry12"} appends 1 to x and reads y = [1, 2]; {@code "ry"} reads y
 * empty. Where faultline differs from Elle it says so at the case.
 */
class ElleListAppendCasesTest {
    /** One transaction: process, outcome, shorthand. */
    private record T(int process, OpType type, String mops) {
    }

    private static T t(String mops) {
        return new T(-1, OpType.OK, mops);
    }

    private static T t(int process, OpType type, String mops) {
        return new T(process, type, mops);
    }

    private static List<Object> mops(String s, boolean invoke) {
        List<Object> out = new ArrayList<>();
        String f = null;
        String k = null;
        List<Object> vals = new ArrayList<>();
        for (char c : (s + "$").toCharArray()) {
            if (c == 'a' || c == 'r' || c == '$') {
                if (f != null) {
                    Object v = f.equals("append") ? vals.get(0) : invoke ? null : vals.isEmpty() ? null : List.copyOf(vals);
                    out.add(Arrays.asList(f, k, v));
                }
                f = c == 'a' ? "append" : "r";
                vals = new ArrayList<>();
            } else if (Character.isDigit(c)) {
                vals.add((long) (c - '0'));
            } else {
                k = String.valueOf(c);
            }
        }
        return out;
    }

    /** Each transaction invoked and completed in turn (Elle's {@code pair}), process i unless given. */
    private static History serial(T... txns) {
        List<Op> evs = new ArrayList<>();
        for (int i = 0; i < txns.length; i++) {
            T t = txns[i];
            int p = t.process() < 0 ? i : t.process();
            evs.add(new Op(evs.size(), evs.size(), p, OpType.INVOKE, "txn", null, mops(t.mops(), true), null, null));
            evs.add(new Op(evs.size(), evs.size(), p, t.type(), "txn", null, mops(t.mops(), t.type() != OpType.OK), null,
                    t.type() == OpType.OK ? null : "test"));
        }
        return History.of(evs);
    }

    /** All invoked before any completes: no real-time or process order (Elle's bare completions). */
    private static History concurrent(T... txns) {
        List<Op> evs = new ArrayList<>();
        for (int i = 0; i < txns.length; i++) {
            evs.add(new Op(evs.size(), evs.size(), i, OpType.INVOKE, "txn", null, mops(txns[i].mops(), true), null, null));
        }
        for (int i = 0; i < txns.length; i++) {
            T t = txns[i];
            evs.add(new Op(evs.size(), evs.size(), i, t.type(), "txn", null, mops(t.mops(), t.type() != OpType.OK), null,
                    t.type() == OpType.OK ? null : "test"));
        }
        return History.of(evs);
    }

    /** Checks {@code h} for {@code models} (null: Elle's default, "none": no model) and {@code anomalies}. */
    private static void expect(History h, String models, String anomalies, Verdict verdict, String types, String not) {
        IsolationSpec spec = IsolationSpec.parse(models, anomalies);
        CheckResult r = new ListAppendChecker(spec).check(h);
        String where = spec.describe() + ": " + r.summary();
        assertEquals(verdict, r.verdict(), where);
        TreeSet<String> got = new TreeSet<>();
        for (Anomaly a : r.anomalies()) got.add(a.type());
        assertEquals(set(types), got, where);
        if (not != null) assertEquals(set(not), new TreeSet<>((List<?>) r.details().get("not")).stream()
                .map(String::valueOf).collect(java.util.stream.Collectors.toCollection(TreeSet::new)), where);
    }

    private static TreeSet<String> set(String csv) {
        return new TreeSet<>(csv.isEmpty() ? List.of() : Arrays.asList(csv.split(",")));
    }

    @Test
    void g0() {
        History h = concurrent(t("ax1ay1"), t("ax2ay2"), t("rx12ry21"));
        expect(h, "none", "G0", Verdict.INVALID, "G0", "read-uncommitted");
        expect(h, "none", "G1", Verdict.INVALID, "G0", "read-uncommitted");
    }

    @Test
    void g1a() {
        History h = serial(t(0, OpType.FAIL, "ax1"), t("rx1"));
        // Elle answers unknown here (its graph is empty); faultline: valid, G1a found and allowed
        expect(h, "read-uncommitted", null, Verdict.VALID, "", "read-committed");
        expect(h, "read-committed", null, Verdict.INVALID, "G1a", "read-committed");
        expect(h, "repeatable-read", null, Verdict.INVALID, "G1a", "read-committed");
    }

    @Test
    void g1bIsAlsoGSingleItem() {
        History h = serial(t("ax1ax2"), t("rx1"));
        expect(h, "none", "G0", Verdict.VALID, "", null);
        expect(h, "none", "G1", Verdict.INVALID, "G1b", "read-committed");
        expect(h, "none", "G2", Verdict.INVALID, "G-single-item", "read-committed");
        expect(h, "strict-serializable", null, Verdict.INVALID, "G-single-item,G1b", "read-committed");
    }

    @Test
    void g1c() {
        History h = concurrent(t("ax1ry1"), t("ax2ay1"), t("rx12"));
        expect(h, "none", "G0", Verdict.VALID, "", null);
        expect(h, "none", "G1", Verdict.INVALID, "G1c", "read-committed");
        expect(h, "none", "G2", Verdict.VALID, "", null);
    }

    @Test
    void gSingle() {
        History h = concurrent(t("ax1ay1"), t("ax2ry"), t("rx12"));
        expect(h, "none", "G1", Verdict.VALID, "", null);
        expect(h, "none", "G-single", Verdict.INVALID, "G-single-item", "consistent-view,repeatable-read");
        expect(h, "none", "G2", Verdict.INVALID, "G-single-item", "consistent-view,repeatable-read");
    }

    @Test
    void g2() {
        History h = concurrent(t("ax1ry"), t("ay1rx"));
        expect(h, "none", "G1", Verdict.VALID, "", null);
        expect(h, "read-committed", null, Verdict.VALID, "", null);
        expect(h, "serializable", null, Verdict.INVALID, "G2-item", "repeatable-read");
        expect(h, "repeatable-read", null, Verdict.INVALID, "G2-item", "repeatable-read");
    }

    @Test
    void strongSnapshotIsolationViolation() {
        History h = serial(t(0, OpType.OK, "ax1"), t(1, OpType.OK, "ax2"), t(2, OpType.OK, "rx1"),
                t(3, OpType.OK, "rx12"));
        expect(h, "none", "G2", Verdict.VALID, "", null);
        expect(h, "serializable", null, Verdict.VALID, "", null);
        expect(h, "strict-serializable", null, Verdict.INVALID, "G-single-item-realtime", "strong-snapshot-isolation");
    }

    /** Serializable histories whose process order shows a cycle strong session snapshot isolation forbids. */
    static Stream<Arguments> strongSessionSnapshotIsolationViolations() {
        return Stream.of(
                Arguments.of("G-single-item-process", serial(t(0, OpType.OK, "ax1"), t(1, OpType.OK, "ax2"),
                        t(1, OpType.OK, "rx1"), t(2, OpType.OK, "rx12"))),
                Arguments.of("G-nonadjacent-item-process", serial(t(0, OpType.OK, "rxrz1"), t(1, OpType.OK, "ax1"),
                        t(1, OpType.OK, "rz"), t(2, OpType.OK, "az1"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strongSessionSnapshotIsolationViolations")
    void strongSessionSnapshotIsolationViolation(String anomaly, History h) {
        expect(h, "serializable", null, Verdict.VALID, "", null);
        expect(h, "strong-session-snapshot-isolation", null, Verdict.INVALID, anomaly,
                "strong-session-snapshot-isolation");
    }

    @Test
    void contradictoryReadOrders() {
        History h = concurrent(t("ax1ry1"), t("ax2"), t("ax3ay1"), t("rx13"), t("rx123"));
        expect(h, "none", "G1", Verdict.INVALID, "G1c,incompatible-order", "read-committed");
    }

    @Test
    void dirtyUpdates() {
        expect(serial(t(0, OpType.FAIL, "ax1"), t(1, OpType.OK, "ax2"), t(2, OpType.OK, "rx12")), "none",
                "dirty-update", Verdict.INVALID, "dirty-update", "read-committed");
        expect(serial(t(0, OpType.FAIL, "ax1"), t(1, OpType.INFO, "ax2"), t(2, OpType.OK, "ax3"),
                t(3, OpType.OK, "rx123")), "none", "dirty-update", Verdict.INVALID, "dirty-update", "read-committed");
    }

    @Test
    void duplicatedElementsAlsoG1c() {
        History h = concurrent(t("ax1ry1"), t("ax2ay1"), t("rx121"));
        expect(h, "read-committed", null, Verdict.INVALID, "G1c,duplicate-elements", "read-uncommitted");
    }

    @Test
    void internalInconsistencyBesideAG0() {
        History h = concurrent(t("ax1ax2ax4"), t("ax3rx1234"));
        expect(h, "none", "internal", Verdict.INVALID, "internal", "read-uncommitted");
    }

    @Test
    void unobservedWritesFollowTheLongestRead() {
        History h = concurrent(t("ax1ay1"), t("ax2ay2"), t("ax3ay3"), t("rx12"), t("ry2"));
        expect(h, "serializable", null, Verdict.INVALID, "G-single-item,G0", "read-uncommitted");
    }

    @Test
    void repeatableReadCatchesG2Item() {
        History h = concurrent(t("rxay1"), t("ryax1"));
        expect(h, "read-committed", null, Verdict.VALID, "", null);
        expect(h, "repeatable-read", null, Verdict.INVALID, "G2-item", "repeatable-read");
    }

    @Test
    void gNonadjacent() {
        expect(serial(t("ax1"), t("rx1ry"), t("ay1"), t("ry1rx")), null, null, Verdict.INVALID, "G-nonadjacent-item",
                "snapshot-isolation,repeatable-read");
        // rw rw wr rw wr: two rw edges adjacent, so not G-nonadjacent; snapshot isolation allows it
        expect(serial(t("rx5ay1"), t("ryaz2"), t("rzat3"), t("rt3au4"), t("ruax5")), "snapshot-isolation", null,
                Verdict.VALID, "", null);
    }

    @Test
    void lostUpdate() {
        expect(serial(t("ax0"), t("rx0ax1"), t("rx0ax2")), null, null, Verdict.INVALID, "G2-item,lost-update",
                "ROLA,cursor-stability");
        expect(serial(t("rxax1ax2"), t("rx12")), null, null, Verdict.VALID, "", null);
    }

    @Test
    void wrProcess() {
        History h = serial(t(1, OpType.OK, "rx1ay1"), t(2, OpType.OK, "ry1"), t(2, OpType.OK, "ax1"));
        expect(h, "strong-session-snapshot-isolation", null, Verdict.INVALID, "G1c-process",
                "strong-session-read-committed");
    }

    @Test
    void repeatableReadCatchesGSingleItemAndGNonadjacentItem() {
        expect(serial(t("ax1ay1"), t("rx1ry")), "repeatable-read", null, Verdict.INVALID, "G-single-item",
                "consistent-view,repeatable-read");
        expect(serial(t("ax1at1"), t("rx1ry"), t("ay1az2"), t("rz2rt")), "repeatable-read", null, Verdict.INVALID,
                "G-nonadjacent-item", "repeatable-read,snapshot-isolation");
    }

    @Test
    void futureRead() {
        History h = serial(t("rx1ax1"));
        expect(h, "read-committed", null, Verdict.INVALID, "future-read", "read-committed");
    }
}
