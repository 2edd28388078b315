package io.faultline.check;

import static io.faultline.check.Verdicts.assertValid;
import static io.faultline.check.Verdicts.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.check.counter.CounterChecker;
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
 * (checkers/txn's {@code CleanListAppendPropertiesTest} does the same for list-append.)
 */
class CleanHistoriesPropertiesTest {
    private static final int TRIES = 40;

    @Test
    void serialRegistersKeepEverySessionGuarantee() {
        Seeds.check("checkers/core", "CleanHistoriesPropertiesTest#serialRegistersKeepEverySessionGuarantee", TRIES, seed -> {
            History h = History.of(SerialExecutions.register(new SplittableRandom(seed), 80, 4, 3));
            for (Guarantee g : Guarantee.values()) assertValid(new SessionChecker(g), h);
            assertValid(new ConsistentPrefixChecker(), h);
            return true;
        });
    }

    @Test
    void serialSetsAndCountersAreClean() {
        Seeds.check("checkers/core", "CleanHistoriesPropertiesTest#serialSetsAndCountersAreClean", TRIES, seed -> {
            assertValid(new SetChecker(true), History.of(SerialExecutions.set(new SplittableRandom(seed), 60, 4)));
            assertValid(new CounterChecker(), History.of(SerialExecutions.counter(new SplittableRandom(seed), 60, 4)));
            return true;
        });
    }

    @Test
    void readingNothingAfterOwnWriteBreaksReadYourWrites() {
        Seeds.check("checkers/core", "CleanHistoriesPropertiesTest#readingNothingAfterOwnWriteBreaksReadYourWrites", TRIES, seed -> {
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
        Seeds.check("checkers/core", "CleanHistoriesPropertiesTest#droppingAnAcknowledgedElementFromTheFinalReadIsLost", TRIES, seed -> {
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
        Seeds.check("checkers/core", "CleanHistoriesPropertiesTest#readingNothingAfterSeeingAValueBreaksMonotonicReads", TRIES, seed -> {
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
