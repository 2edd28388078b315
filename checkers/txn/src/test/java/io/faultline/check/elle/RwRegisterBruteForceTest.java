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
 * The rw-register checker against the exhaustive serial-order search on small seeded register
 * histories: every history it calls invalid (serializable, or strict serializable) has no serial
 * order, i.e. every anomaly it reports is real. A register read shows one version, not the order
 * before it, so the inferred version order is partial and some non-serializable histories pass
 * (as in Elle); the test requires that most rejected ones are caught, so it cannot pass by
 * catching nothing. A failure prints the seed, the history and the replay command.
 */
class RwRegisterBruteForceTest {
    private static final int SEEDS = Integer.getInteger("faultline.seeds", 3000);

    @Test
    void everyReportedAnomalyIsReal() {
        String only = System.getProperty("faultline.seed");
        long first = only != null ? Long.parseLong(only) : 1;
        long last = only != null ? first : SEEDS;
        int[] rejected = new int[2];
        int[] caught = new int[2];
        for (long seed = first; seed <= last; seed++) {
            List<Op> events = SmallAppendHistories.generate(seed, true);
            History h = History.of(events);
            for (int strict = 0; strict < 2; strict++) {
                IsolationSpec spec = strict == 1 ? IsolationSpec.STRICT_SERIALIZABLE
                        : new IsolationSpec(List.of("serializable"), List.of());
                CheckResult r = new RwRegisterChecker(spec).check(h);
                boolean explainable = SerialSearch.explainable(h, strict == 1);
                if (r.verdict() == Verdict.INVALID && explainable) {
                    StringBuilder sb = new StringBuilder();
                    for (Op e : events) sb.append("\n  ").append(e);
                    fail("seed " + seed + " (" + spec.describe() + "): a serial order exists, yet the checker says "
                            + r.summary() + " " + r.anomalies() + "\nhistory:" + sb
                            + "\nreplay: ./mvnw -B -q -pl checkers test -Dtest=RwRegisterBruteForceTest"
                            + " -Dfaultline.seed=" + seed + " -Dsurefire.failIfNoSpecifiedTests=false");
                }
                if (!explainable) {
                    rejected[strict]++;
                    if (r.verdict() == Verdict.INVALID) caught[strict]++;
                }
            }
        }
        if (only == null) {
            for (int s = 0; s < 2; s++) {
                assertTrue(rejected[s] > SEEDS / 20 && caught[s] * 10 >= rejected[s] * 6,
                        "level " + s + ": caught " + caught[s] + " of " + rejected[s] + " non-serializable histories");
            }
        }
    }
}
