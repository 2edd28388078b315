package io.faultline.workloads.set;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.check.CheckResult;
import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.history.JsonlReader;
import io.faultline.history.Operation;
import io.faultline.runner.RunResult;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What every store's set end-to-end test asserts about a finished run. */
public final class SetRuns {
    private SetRuns() {
    }

    /**
     * The set checker found nothing lost, unexpected or duplicated, and the history is a real
     * one: faults ran, many adds were acknowledged, and a final read (read here, independently of
     * the checker) holds every acknowledged element and nothing that was never attempted.
     */
    public static void assertKeptEveryAcknowledgedAdd(RunResult r, long minAcknowledged) throws Exception {
        CheckResult c = r.results().stream().filter(x -> x.checker().equals("set")).findFirst()
                .orElseThrow(() -> new AssertionError("no set checker result in " + r.results()));
        assertEquals(Verdict.VALID, c.verdict(), () -> "results in " + r.dir() + ": " + c.summary() + " " + c.anomalies());
        // Every requested fault kind started, and every start and heal was verified by its effect.
        assertEquals("", r.faultShortfall(), () -> "faults not verified; results in " + r.dir());
        assertTrue(r.stats().faults() >= 1, "faults were in force: " + r.stats().faults());

        History h = JsonlReader.read(r.dir().resolve("history.jsonl"));
        Set<Object> acknowledged = new HashSet<>();
        Set<Object> attempted = new HashSet<>();
        for (Operation o : h.operations()) {
            if (!o.f().equals("add")) continue;
            attempted.add(o.invocation().value());
            if (o.isOk()) acknowledged.add(o.invocation().value());
        }
        assertTrue(acknowledged.size() >= minAcknowledged, () -> "adds acknowledged: " + acknowledged.size() + " of "
                + attempted.size() + "; " + r.stats());
        assertEquals((long) acknowledged.size(), ((Number) c.details().get("acknowledged-count")).longValue());
        List<Operation> reads = h.operations().stream().filter(o -> o.f().equals("read") && o.isOk()).toList();
        assertFalse(reads.isEmpty(), "the final read succeeded");
        List<?> finalRead = (List<?>) reads.getLast().completion().value();
        Set<Object> seen = new HashSet<>(finalRead);
        assertEquals(finalRead.size(), seen.size(), "no element twice in the final read");
        assertTrue(seen.containsAll(acknowledged), () -> "acknowledged but missing: "
                + acknowledged.stream().filter(e -> !seen.contains(e)).limit(10).toList());
        assertTrue(attempted.containsAll(seen), "nothing read that no one added");
    }
}
