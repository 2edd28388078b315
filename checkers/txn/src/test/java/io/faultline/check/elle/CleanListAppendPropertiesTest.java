package io.faultline.check.elle;

import static io.faultline.check.Verdicts.assertValid;
import static io.faultline.check.Verdicts.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.check.CheckResult;
import io.faultline.check.Checker;
import io.faultline.check.SerialExecutions;
import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.testing.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * List-append histories generated from serial executions (with overlapping intervals) are strict
 * serializable; one mutation of a read or of an outcome is caught. 40 seeded cases each
 * ({@link Seeds}).
 */
class CleanListAppendPropertiesTest {
    private static final int TRIES = 40;

    @Test
    void serialListAppendIsStrictSerializable() {
        Seeds.check("checkers/txn", "CleanListAppendPropertiesTest#serialListAppendIsStrictSerializable", TRIES, seed -> {
            History h = History.of(SerialExecutions.listAppend(new SplittableRandom(seed), 60, 4, 3));
            assertValid(new ListAppendChecker(), h);
            assertValid(new ListAppendChecker(IsolationSpec.STRICT_SERIALIZABLE, 10_000_000), h);
            return true;
        });
    }

    /** Reads of one key with at least two elements: {event position, micro-op index}, two or more. */
    private static List<int[]> twoLongReadsOfOneKey(List<Op> evs) {
        java.util.Map<Object, List<int[]>> byKey = new java.util.LinkedHashMap<>();
        for (int i = 0; i < evs.size(); i++) {
            Op e = evs.get(i);
            if (e.type() != OpType.OK) continue;
            List<?> mops = (List<?>) e.value();
            for (int j = 0; j < mops.size(); j++) {
                List<?> t = (List<?>) mops.get(j);
                if (t.get(0).equals("r") && ((List<?>) t.get(2)).size() >= 2) {
                    byKey.computeIfAbsent(t.get(1), k -> new ArrayList<>()).add(new int[] {i, j});
                }
            }
        }
        for (List<int[]> l : byKey.values()) if (l.size() >= 2) return l;
        return List.of();
    }

    private static void mutateRead(List<Op> evs, int[] at, java.util.function.UnaryOperator<List<Object>> f) {
        Op e = evs.get(at[0]);
        List<Object> mops = new ArrayList<>((List<?>) e.value());
        List<?> t = (List<?>) mops.get(at[1]);
        mops.set(at[1], java.util.Arrays.asList("r", t.get(1), f.apply(new ArrayList<>((List<?>) t.get(2)))));
        evs.set(at[0], e.withValue(mops));
    }

    @Test
    void reorderingTwoElementsIsAnIncompatibleOrder() {
        Seeds.check("checkers/txn", "CleanListAppendPropertiesTest#reorderingTwoElementsIsAnIncompatibleOrder", TRIES, seed -> {
            List<Op> evs = SerialExecutions.listAppend(new SplittableRandom(seed), 80, 4, 2);
            List<int[]> reads = twoLongReadsOfOneKey(evs);
            if (!(!reads.isEmpty())) return false;
            // every read of the key starts with the same two elements; swapping them in one contradicts another
            mutateRead(evs, reads.get(0), l -> {
                Object a = l.get(0);
                l.set(0, l.get(1));
                l.set(1, a);
                return l;
            });
            CheckResult r = new ListAppendChecker().check(History.of(evs));
            assertTrue(types(r).contains("incompatible-order"), types(r).toString());
            return true;
        });
    }

    @Test
    void droppingAnAppendFromAReadIsCaught() {
        Seeds.check("checkers/txn", "CleanListAppendPropertiesTest#droppingAnAppendFromAReadIsCaught", TRIES, seed -> {
            List<Op> evs = SerialExecutions.listAppend(new SplittableRandom(seed), 80, 4, 2);
            List<int[]> reads = twoLongReadsOfOneKey(evs);
            if (!(!reads.isEmpty())) return false;
            mutateRead(evs, reads.get(reads.size() - 1), l -> {
                l.remove(0);
                return l;
            });
            CheckResult r = new ListAppendChecker().check(History.of(evs));
            assertEquals(Verdict.INVALID, r.verdict());
            assertTrue(types(r).contains("incompatible-order"), types(r).toString());
            return true;
        });
    }

    @Test
    void readingAnAbortedAppendIsG1a() {
        Seeds.check("checkers/txn", "CleanListAppendPropertiesTest#readingAnAbortedAppendIsG1a", TRIES, seed -> {
            List<Op> evs = SerialExecutions.listAppend(new SplittableRandom(seed), 80, 4, 2);
            // abort the txn that appended the first element some read saw
            Object element = null;
            String key = null;
            for (Op e : evs) {
                if (e.type() != OpType.OK || key != null) continue;
                for (Object m : (List<?>) e.value()) {
                    List<?> t = (List<?>) m;
                    if (t.get(0).equals("r") && !((List<?>) t.get(2)).isEmpty()) {
                        List<Object> own = List.of("append", t.get(1), ((List<?>) t.get(2)).get(0));
                        if (((List<?>) e.value()).contains(own)) continue; // its own append: not another's
                        key = (String) t.get(1);
                        element = ((List<?>) t.get(2)).get(0);
                        break;
                    }
                }
            }
            if (!(key != null)) return false;
            for (int i = 0; i < evs.size(); i++) {
                Op e = evs.get(i);
                if (e.type() != OpType.OK) continue;
                boolean appends = false;
                for (Object m : (List<?>) e.value()) {
                    List<?> t = (List<?>) m;
                    if (t.get(0).equals("append") && t.get(1).equals(key) && t.get(2).equals(element)) appends = true;
                }
                if (appends) {
                    evs.set(i, e.withType(OpType.FAIL));
                    break;
                }
            }
            CheckResult r = new ListAppendChecker().check(History.of(evs));
            assertTrue(types(r).contains("G1a"), types(r).toString());
            return true;
        });
    }
}
