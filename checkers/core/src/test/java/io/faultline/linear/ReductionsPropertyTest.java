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
 * op can observe dropped; segments split at quiescent points) and the compact configuration
 * cache change no verdict: over seeded random small histories, the checker with reductions and
 * segments, with reductions only, with neither, and an independent brute-force oracle agree. A failure prints the seed and the command that replays
 * it alone: {@code ./mvnw -B -q -pl checkers test -Dtest=ReductionsPropertyTest -Dfaultline.seed=S}.
 */
class ReductionsPropertyTest {
    // 2,000 histories of 4-14 ops: about ten seconds, most of it the three checkers' set-up per history.
    private static final int TRIES = 2000;

    private static LinearizabilityChecker checker(RegisterModel model) {
        return new LinearizabilityChecker(model, null, Duration.ofSeconds(30), 1);
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
        int segmented = 0;
        for (long seed = first; seed <= last; seed++) {
            History h = RandomRegisterHistories.generate(seed, 4 + (int) (seed % 11));
            LinearizabilityResult r = checker(RegisterModel.casRegister()).withMinSegment(1).analyze(h);
            LinearizabilityResult u = checker(RegisterModel.casRegister()).withoutSegments().analyze(h);
            LinearizabilityResult p = checker(RegisterModel.casRegister().withoutReductions()).withoutSegments().analyze(h);
            Verdict reduced = r.verdict();
            Verdict unsegmented = u.verdict();
            Verdict plain = p.verdict();
            if (relevant(r) < relevant(p)) reducedSome++;
            if (r.partitions().stream().anyMatch(x -> x.segments() > 1)) segmented++;
            Verdict oracle = BruteForceRegister.linearizable(h.operations()) ? Verdict.VALID : Verdict.INVALID;
            if (reduced != plain || unsegmented != plain || plain != oracle) {
                fail("seed " + seed + ": reduced and segmented " + reduced + ", reduced " + unsegmented
                        + ", neither " + plain + ", brute force " + oracle
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
            assertTrue(segmented > TRIES / 20, "split at a quiescent point: " + segmented + " histories");
        }
    }
}
