package io.faultline.check.elle;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.faultline.check.CheckResult;
import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.history.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The list-append checker against an exhaustive search for a serial order ({@link SerialSearch})
 * on thousands of small seeded histories ({@link SmallAppendHistories}): it calls a history
 * invalid under serializability exactly when no serial order explains it, and under strict
 * serializability exactly when no real-time-respecting serial order does. So every anomaly it
 * reports is real (soundness of the inferred edges, including those to appends nobody read) and
 * nothing the brute force rejects slips through. A failure prints the seed, the history and the
 * command that replays just that seed.
 */
class ListAppendBruteForceTest {
    private static final int SEEDS = Integer.getInteger("faultline.seeds", 4000);

    @Test
    void agreesWithBruteForceOnSerializableAndStrictSerializable() {
        String only = System.getProperty("faultline.seed");
        long first = only != null ? Long.parseLong(only) : 1;
        long last = only != null ? first : SEEDS;
        int[] invalid = new int[2];
        int[] valid = new int[2];
        for (long seed = first; seed <= last; seed++) {
            List<Op> events = SmallAppendHistories.generate(seed);
            History h = History.of(events);
            for (int strict = 0; strict < 2; strict++) {
                IsolationSpec spec = strict == 1 ? IsolationSpec.STRICT_SERIALIZABLE
                        : new IsolationSpec(List.of("serializable"), List.of());
                CheckResult r = new ListAppendChecker(spec).check(h);
                boolean explainable = SerialSearch.explainable(h, strict == 1);
                boolean agrees = explainable ? r.verdict() == Verdict.VALID : r.verdict() == Verdict.INVALID;
                if (!agrees) {
                    StringBuilder sb = new StringBuilder();
                    for (Op e : events) sb.append("\n  ").append(e);
                    fail("seed " + seed + " (" + spec.describe() + "): brute force says "
                            + (explainable ? "a serial order exists" : "no serial order exists") + ", checker says "
                            + r.verdict() + ": " + r.summary() + " " + r.anomalies() + "\nhistory:" + sb
                            + "\nreplay: ./mvnw -B -q -pl checkers test -Dtest=ListAppendBruteForceTest"
                            + " -Dfaultline.seed=" + seed + " -Dsurefire.failIfNoSpecifiedTests=false");
                }
                (explainable ? valid : invalid)[strict]++;
            }
        }
        if (only == null) {
            // the generator must exercise both answers at both levels, or the agreement says little
            for (int s = 0; s < 2; s++) {
                assertTrue(valid[s] > SEEDS / 10 && invalid[s] > SEEDS / 10,
                        "level " + s + ": " + valid[s] + " valid, " + invalid[s] + " invalid histories");
            }
            assertTrue(invalid[1] > invalid[0], "strict serializability must reject more than serializability");
        }
    }
}
