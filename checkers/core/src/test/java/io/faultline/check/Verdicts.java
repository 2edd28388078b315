package io.faultline.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faultline.history.History;
import java.util.TreeSet;

/** What the property tests of both checker modules assert about a checker's result. */
public final class Verdicts {
    private Verdicts() {
    }

    public static void assertValid(Checker c, History h) {
        CheckResult r = c.check(h);
        assertEquals(Verdict.VALID, r.verdict(), c.name() + ": " + r.summary() + " " + r.anomalies());
    }

    /** The anomaly types a result names, sorted. */
    public static TreeSet<String> types(CheckResult r) {
        TreeSet<String> s = new TreeSet<>();
        r.anomalies().forEach(a -> s.add(a.type()));
        return s;
    }
}
