package io.faultline.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.check.Verdict;
import io.faultline.history.History;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A read of a value nothing ever writes refutes a long partition before any search. */
class ImpossibleOpsTest {
    private static LinearizabilityResult check(History h) {
        return new LinearizabilityChecker(Models.standard().byName("cas-register").orElseThrow(), null,
                Duration.ofSeconds(30), 1).analyze(h);
    }

    /** 3,000 rounds of write i%5 then a read of it, by two processes; crashed writes of 7 along the way. */
    private static HistoryBuilder longHistory(int badAt, long badValue) {
        HistoryBuilder b = new HistoryBuilder();
        int crashedProcess = 100;
        for (int i = 0; i < 3000; i++) {
            b.invoke(0, "write", (long) (i % 5)).ok(0);
            if (i % 500 == 250) b.invoke(crashedProcess, "write", 7L).info(crashedProcess++);
            b.invoke(1, "read", null).ok(1, i == badAt ? badValue : (i % 500 == 251 ? 7L : (long) (i % 5)));
            if (i % 500 == 251) b.invoke(0, "write", (long) (i % 5)).ok(0).invoke(1, "read", null).ok(1, (long) (i % 5));
        }
        return b;
    }

    @Test
    void aReadOfANeverWrittenValueIsRefutedAndNamed() {
        LinearizabilityResult r = check(longHistory(1500, 99L).build());
        assertEquals(Verdict.INVALID, r.verdict());
        PartitionReport p = r.partitions().get(0);
        assertEquals("refuted before the search: read -> 99 can never take effect", p.method());
        String text = CounterexampleText.render(r.counterexample());
        assertTrue(text.contains("read -> 99") && text.contains("ever leaves a state in which it can take effect"), text);
        // the prefix linearizes what completed before the impossible read was invoked
        assertTrue(r.counterexample().prefix().size() > 3000, "prefix " + r.counterexample().prefix().size());
    }

    @Test
    void valuesOnlyACrashedWriteLeavesAreStillPossible() {
        // The reads of 7 need the crashed writes: the pre-check must count them, and the search decides.
        LinearizabilityResult r = check(longHistory(-1, 0L).build());
        assertEquals(Verdict.VALID, r.verdict(), () -> CounterexampleText.report(r));
        assertEquals("search", r.partitions().get(0).method());
    }
}
