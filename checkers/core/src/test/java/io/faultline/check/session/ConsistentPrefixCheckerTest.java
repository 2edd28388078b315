package io.faultline.check.session;

import static io.faultline.check.H.h;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.check.CheckResult;
import io.faultline.check.H;
import io.faultline.check.Verdict;
import io.faultline.history.History;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsistentPrefixCheckerTest {
    /** p0 writes x; p1 reads it and writes y; p2 reads y and writes z; p3 reads z then x. */
    private static History chain(Object finalX) {
        return h().op(0, "write", "x", 1L, 1L)
                .op(1, "read", "x", null, 1L).op(1, "write", "y", 1L, 1L)
                .op(2, "read", "y", null, 1L).op(2, "write", "z", 1L, 1L)
                .op(3, "read", "z", null, 1L).op(3, "read", "x", null, finalX).build();
    }

    @Test
    void transitiveChainIsFollowed() {
        CheckResult r = new ConsistentPrefixChecker().check(chain(null));
        assertEquals(Verdict.INVALID, r.verdict(), r.summary());
        assertEquals(List.of("consistent-prefix"), r.anomalies().stream().map(a -> a.type()).distinct().toList());
        String text = r.anomalies().get(0).explanation();
        assertTrue(text.contains("process 3") && text.contains("write of x"), text);
        // the one-hop checkers cannot see a two-hop chain
        for (Guarantee g : Guarantee.values()) {
            assertEquals(Verdict.VALID, new SessionChecker(g).check(chain(null)).verdict(), g.cliName());
        }
        assertEquals(Verdict.VALID, new ConsistentPrefixChecker().check(chain(1L)).verdict());
    }

    @Test
    void unrelatedWritesMayBeSeenInAnyOrder() {
        H hist = h().op(0, "write", "x", 1L, 1L).op(1, "write", "y", 1L, 1L)
                .op(2, "read", "y", null, 1L).op(2, "read", "x", null, null);
        assertEquals(Verdict.VALID, new ConsistentPrefixChecker().check(hist.build()).verdict());
    }
}
