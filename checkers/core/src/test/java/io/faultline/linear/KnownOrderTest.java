package io.faultline.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checking in the store's recorded order: used when it is a linearization, else the search, and said so. */
class KnownOrderTest {
    private static LinearizabilityResult check(History h) {
        return new LinearizabilityChecker(Models.standard().byName("cas-register").orElseThrow(), null,
                Duration.ofSeconds(30), 1).analyze(h);
    }

    /** Events as "process type f value revision", revision "-" for none. */
    private static History history(String... events) {
        List<Op> ops = new ArrayList<>();
        for (String e : events) {
            String[] p = e.split(" ");
            OpType t = OpType.fromWire(p[1]);
            Object v = p[3].equals("nil") ? null : (Object) Long.parseLong(p[3]);
            Long rev = p.length > 4 && !p[4].equals("-") ? Long.parseLong(p[4]) : null;
            ops.add(new Op(ops.size(), ops.size() * 10L, Integer.parseInt(p[0]), t, p[2], null, v, null, null, rev));
        }
        return History.of(ops);
    }

    @Test
    void aConsistentRecordedOrderDecidesWithoutSearch() {
        LinearizabilityResult r = check(history("0 invoke write 1", "1 invoke read nil", "0 ok write 1 1",
                "1 ok read 1 1", "2 invoke write 2", "2 ok write 2 2", "1 invoke read nil", "1 ok read 2 2"));
        assertEquals(Verdict.VALID, r.verdict());
        assertEquals("recorded order", r.partitions().get(0).method());
        assertEquals(0, r.partitions().get(0).steps() - r.partitions().get(0).relevant());
    }

    @Test
    void aRecordedOrderAgainstRealTimeFallsBackToTheSearchAndSaysSo() {
        // write 2 recorded before write 1, though write 1 completed before write 2 began; the
        // read of 2 makes write 1 -> write 2 the only linearization, which the search finds.
        LinearizabilityResult r = check(history("0 invoke write 1", "0 ok write 1 2", "1 invoke write 2",
                "1 ok write 2 1", "2 invoke read nil", "2 ok read 2 1"));
        assertEquals(Verdict.VALID, r.verdict());
        String method = r.partitions().get(0).method();
        assertTrue(method.startsWith("search: the recorded order is not a linearization"), method);
        assertTrue(method.contains("invoked only after it completed"), method);
    }

    @Test
    void aStaleReadIsInvalidWhateverTheRecordedOrderClaims() {
        LinearizabilityResult r = check(history("0 invoke write 1", "0 ok write 1 1", "0 invoke write 2",
                "0 ok write 2 2", "1 invoke read nil", "1 ok read 1 1"));
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(r.partitions().get(0).method().startsWith("search: the recorded order is not a linearization"),
                r.partitions().get(0).method());
    }

    @Test
    void aPartlyRecordedOrderIsSearchedAndSaysHowMuchWasMissing() {
        LinearizabilityResult r = check(history("0 invoke write 1", "0 ok write 1 1", "1 invoke read nil",
                "1 ok read 1 -"));
        assertEquals(Verdict.VALID, r.verdict());
        assertEquals("search: only 1 of 2 operations record a revision", r.partitions().get(0).method());
    }

    @Test
    void theRecordedOrderNeverChangesAVerdict() {
        // Seeded random histories with revisions (a quarter of them with one revision moved):
        // the verdict equals the one of the same history without revisions, and a correct
        // order is used whenever no op crashed. Replay: -Dfaultline.seed=S with -Dtest=KnownOrderTest.
        String only = System.getProperty("faultline.seed");
        long first = only != null ? Long.parseLong(only) : 1;
        long last = only != null ? first : 1500;
        int fastPath = 0;
        for (long seed = first; seed <= last; seed++) {
            History with = RandomRegisterHistories.generate(seed, 3 + (int) (seed % 12), true);
            List<Op> stripped = new ArrayList<>();
            for (Op o : with.events()) stripped.add(o.withRevision(null));
            LinearizabilityResult a = check(with);
            LinearizabilityResult b = check(History.of(stripped));
            if (a.verdict() != b.verdict()) {
                fail("seed " + seed + ": with revisions " + a.verdict() + " (" + a.partitions().get(0).method()
                        + "), without " + b.verdict() + "\nreplay: ./mvnw -B -q -pl checkers test -Dtest=KnownOrderTest"
                        + " -Dfaultline.seed=" + seed + "\nhistory: " + with.events());
            }
            if (a.partitions().stream().anyMatch(p -> p.method().equals("recorded order"))) fastPath++;
        }
        if (only == null) assertTrue(fastPath > 150, "the recorded order decided " + fastPath + " histories");
    }
}
