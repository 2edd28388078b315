package io.faultline.linear;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.linear.model.RegisterModel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The reductions before the search (crashed reads dropped; crashed writes and cas whose value no
 * op can observe dropped) and the compact configuration cache change no verdict: over seeded
 * random small histories, the checker with reductions, the checker without them and an
 * independent brute-force oracle agree. A failure prints the seed and the command that replays
 * it alone: {@code ./mvnw -B -q -pl checkers test -Dtest=ReductionsPropertyTest -Dfaultline.seed=S}.
 */
class ReductionsPropertyTest {
    private static final int TRIES = 2000;

    private static LinearizabilityResult check(RegisterModel model, History h) {
        return new LinearizabilityChecker(model, null, Duration.ofSeconds(30), 1).analyze(h);
    }

    private static int relevant(LinearizabilityResult r) {
        return r.partitions().stream().mapToInt(PartitionReport::relevant).sum();
    }

    @Test
    void reducedUnreducedAndBruteForceAgree() {
        String only = System.getProperty("faultline.seed");
        long first = only != null ? Long.parseLong(only) : 1;
        long last = only != null ? first : TRIES;
        int valid = 0;
        int invalid = 0;
        int reducedSome = 0;
        for (long seed = first; seed <= last; seed++) {
            History h = RandomRegisterHistories.generate(seed, 4 + (int) (seed % 11));
            LinearizabilityResult r = check(RegisterModel.casRegister(), h);
            LinearizabilityResult p = check(RegisterModel.casRegister().withoutReductions(), h);
            Verdict reduced = r.verdict();
            Verdict plain = p.verdict();
            if (relevant(r) < relevant(p)) reducedSome++;
            Verdict oracle = BruteForceRegister.linearizable(h.operations()) ? Verdict.VALID : Verdict.INVALID;
            if (reduced != plain || plain != oracle) {
                fail("seed " + seed + ": reduced " + reduced + ", unreduced " + plain + ", brute force " + oracle
                        + "\nreplay: ./mvnw -B -q -pl checkers test -Dtest=ReductionsPropertyTest -Dfaultline.seed="
                        + seed + "\nhistory: " + h.events());
            }
            if (oracle == Verdict.VALID) valid++;
            else invalid++;
        }
        if (only == null) {
            // The generator must exercise both outcomes and the reduction, or agreement would say little.
            assertTrue(valid > TRIES / 10 && invalid > TRIES / 10, "valid " + valid + ", invalid " + invalid);
            assertTrue(reducedSome > TRIES / 20, "a crashed write or cas was dropped in " + reducedSome + " histories");
        }
    }
}
