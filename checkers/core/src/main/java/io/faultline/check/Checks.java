package io.faultline.check;

import io.faultline.history.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs a workload's checkers over a recorded history: the one check loop of a run and of a re-check. */
public final class Checks {
    private Checks() {
    }

    /**
     * Each checker's result, in order. A checker that throws or runs out of memory answers unknown
     * with the reason, so one broken checker never hides the others' verdicts (nor turns into valid).
     */
    public static List<CheckResult> runAll(List<Checker> checkers, History history) {
        List<CheckResult> results = new ArrayList<>();
        for (Checker c : checkers) {
            try {
                results.add(c.check(history));
            } catch (RuntimeException | OutOfMemoryError e) {
                results.add(new CheckResult(c.name(), Verdict.UNKNOWN, "checker failed: " + e, List.of(), Map.of()));
            }
        }
        return results;
    }
}
