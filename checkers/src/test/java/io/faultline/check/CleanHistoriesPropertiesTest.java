package io.faultline.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.check.counter.CounterChecker;
import io.faultline.check.elle.ListAppendChecker;
import io.faultline.check.session.ConsistentPrefixChecker;
import io.faultline.check.session.Guarantee;
import io.faultline.check.session.SessionChecker;
import io.faultline.check.set.SetChecker;
import io.faultline.history.History;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import io.faultline.testing.Seeds;
import org.junit.jupiter.api.Test;

/**
 * Histories generated from serial executions (with overlapping intervals) are clean for every
 * checker; one mutation is caught by the matching checker. 40 seeded cases each ({@link Seeds}).
 */
class CleanHistoriesPropertiesTest {
    private static final int TRIES = 40;

    private static void assertValid(Checker c, History h) {
        CheckResult r = c.check(h);
        assertEquals(Verdict.VALID, r.verdict(), c.name() + ": " + r.summary() + " " + r.anomalies());
    }

    private static TreeSet<String> types(CheckResult r) {
        TreeSet<String> s = new TreeSet<>();
        r.anomalies().forEach(a -> s.add(a.type()));
        return s;
    }

    @Test
    void serialListAppendIsStrictSerializable() {
        Seeds.check("checkers", "CleanHistoriesPropertiesTest#serialListAppendIsStrictSerializable", TRIES, seed -> {
            History h = History.of(SerialExecutions.listAppend(new SplittableRandom(seed), 60, 4, 3));
            assertValid(new ListAppendChecker(), h);
            assertValid(new ListAppendChecker(io.faultline.check.elle.IsolationSpec.STRICT_SERIALIZABLE, 10_000_000), h);
            return true;
        });
    }

    @Test
    void serialRegistersKeepEverySessionGuarantee() {
        Seeds.check("checkers", "CleanHistoriesPropertiesTest#serialRegistersKeepEverySessionGuarantee", TRIES, seed -> {
            History h = History.of(SerialExecutions.register(new SplittableRandom(seed), 80, 4, 3));
            for (Guarantee g : Guarantee.values()) assertValid(new SessionChecker(g), h);
            assertValid(new ConsistentPrefixChecker(), h);
            return true;
        });
    }

    @Test
    void serialSetsAndCountersAreClean() {
        Seeds.check("checkers", "CleanHistoriesPropertiesTest#serialSetsAndCountersAreClean", TRIES, seed -> {
            assertValid(new SetChecker(true), History.of(SerialExecutions.set(new SplittableRandom(seed), 60, 4)));
            assertValid(new CounterChecker(), History.of(SerialExecutions.counter(new SplittableRandom(seed), 60, 4)));
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
        Seeds.check("checkers", "CleanHistoriesPropertiesTest#reorderingTwoElementsIsAnIncompatibleOrder", TRIES, seed -> {
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
        Seeds.check("checkers", "CleanHistoriesPropertiesTest#droppingAnAppendFromAReadIsCaught", TRIES, seed -> {
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
        Seeds.check("checkers", "CleanHistoriesPropertiesTest#readingAnAbortedAppendIsG1a", TRIES, seed -> {
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

    @Test
    void readingNothingAfterOwnWriteBreaksReadYourWrites() {
        Seeds.check("checkers", "CleanHistoriesPropertiesTest#readingNothingAfterOwnWriteBreaksReadYourWrites", TRIES, seed -> {
            List<Op> evs = SerialExecutions.register(new SplittableRandom(seed), 80, 4, 3);
            // find a process's ok write of k followed by its own ok read of k; make the read see nothing
            int target = -1;
            java.util.Map<String, Integer> wrote = new java.util.HashMap<>();
            for (int i = 0; i < evs.size() && target < 0; i++) {
                Op e = evs.get(i);
                if (e.type() != OpType.OK) continue;
                String pk = e.process() + "/" + e.key();
                if (e.f().equals("write")) wrote.put(pk, i);
                else if (wrote.containsKey(pk)) target = i;
            }
            if (!(target >= 0)) return false;
            evs.set(target, evs.get(target).withValue(null));
            CheckResult r = new SessionChecker(Guarantee.READ_YOUR_WRITES).check(History.of(evs));
            assertEquals(List.of("read-your-writes"), List.copyOf(types(r)));
            return true;
        });
    }

    @Test
    void droppingAnAcknowledgedElementFromTheFinalReadIsLost() {
        Seeds.check("checkers", "CleanHistoriesPropertiesTest#droppingAnAcknowledgedElementFromTheFinalReadIsLost", TRIES, seed -> {
            List<Op> evs = SerialExecutions.set(new SplittableRandom(seed), 40, 4);
            int last = -1;
            for (int i = 0; i < evs.size(); i++) {
                if (evs.get(i).type() == OpType.OK && evs.get(i).f().equals("read")) last = i;
            }
            List<Object> l = new ArrayList<>((List<?>) evs.get(last).value());
            if (!(!l.isEmpty())) return false;
            l.remove(0);
            evs.set(last, evs.get(last).withValue(l));
            // the final read may overlap later-invoked reads, so a strict set calls it lost or stale
            CheckResult r = new SetChecker(true).check(History.of(evs));
            assertEquals(Verdict.INVALID, r.verdict());
            assertTrue(java.util.Set.of("lost", "stale-read").containsAll(types(r)), types(r).toString());
            return true;
        });
    }

    @Test
    void readingNothingAfterSeeingAValueBreaksMonotonicReads() {
        Seeds.check("checkers", "CleanHistoriesPropertiesTest#readingNothingAfterSeeingAValueBreaksMonotonicReads", TRIES, seed -> {
            List<Op> evs = SerialExecutions.register(new SplittableRandom(seed), 80, 4, 3);
            // a process's ok read of k that saw a value, then its later ok read of k: make that one see nothing
            int target = -1;
            java.util.Set<String> saw = new java.util.HashSet<>();
            for (int i = 0; i < evs.size() && target < 0; i++) {
                Op e = evs.get(i);
                if (e.type() != OpType.OK || !e.f().equals("read")) continue;
                String pk = e.process() + "/" + e.key();
                if (saw.contains(pk)) target = i;
                else if (e.value() != null) saw.add(pk);
            }
            if (!(target >= 0)) return false;
            evs.set(target, evs.get(target).withValue(null));
            CheckResult r = new SessionChecker(Guarantee.MONOTONIC_READS).check(History.of(evs));
            assertEquals(List.of("monotonic-reads"), List.copyOf(types(r)));
            return true;
        });
    }
}
