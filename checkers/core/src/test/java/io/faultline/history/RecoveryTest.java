package io.faultline.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecoveryTest {
    private static final long S = 1_000_000_000L;
    private final List<Op> events = new ArrayList<>();

    private void heal(long time) {
        events.add(new Op(events.size(), time, Op.NEMESIS, OpType.INVOKE, "heal-all", null, null, null, null));
        events.add(new Op(events.size(), time + 5, Op.NEMESIS, OpType.INFO, "heal-all", null, Map.of("verified", true), null, null));
    }

    private void op(long time, String node, OpType outcome) {
        events.add(new Op(events.size(), time, 0, OpType.INVOKE, "read", null, null, node, null));
        events.add(new Op(events.size(), time + 1000, 0, outcome, "read", null, null, node, outcome == OpType.OK ? null : "refused"));
    }

    @Test
    void aSuccessSoonAfterTheHealIsARecovery() {
        op(0, "n1", OpType.OK);
        heal(10 * S);
        op(11 * S, "n2", OpType.FAIL);
        op(13 * S, "n1", OpType.OK);
        Recovery r = Recovery.of(events, 12 * S);
        assertEquals(Recovery.Status.RECOVERED, r.status());
        assertEquals(3 * S - 5 + 1000, r.firstOkNanos());
        assertEquals("recovered 3.0 s after the final heal", r.line());
        assertFalse(r.notRecovered());
    }

    @Test
    void noSuccessOverTheBoundIsANonRecoveryNamingTheSilentNodes() {
        op(0, "n1", OpType.OK);
        heal(10 * S);
        for (int i = 0; i < 14; i++) op(11 * S + i * S, i % 2 == 0 ? "n2" : "n3", i % 3 == 0 ? OpType.INFO : OpType.FAIL);
        Recovery r = Recovery.of(events, 12 * S);
        assertTrue(r.notRecovered());
        assertEquals(Map.of("n2", 7, "n3", 7), r.silentNodes());
        assertEquals("did not recover: no op succeeded in the 14.0 s after the final heal; n2 (7 ops), n3 (7 ops) never answered with success",
                r.line());
        assertEquals("not-recovered", r.toJson().get("status"));
    }

    @Test
    void aFirstSuccessLaterThanTheBoundIsStillANonRecoveryAndNodesThatAnsweredAreNotNamed() {
        heal(0);
        op(1 * S, "n1", OpType.FAIL);
        op(2 * S, "n2", OpType.FAIL);
        op(20 * S, "n1", OpType.OK);
        Recovery r = Recovery.of(events, 12 * S);
        assertTrue(r.notRecovered());
        assertEquals(Map.of("n2", 1), r.silentNodes());
        assertTrue(r.line().startsWith("did not recover: the first op succeeded only 20.0 s after the final heal (bound 12.0 s)"), r.line());
    }

    @Test
    void tooFewOpsAfterTheHealOrNoneAtAllProveNothing() {
        op(0, "n1", OpType.OK);
        assertEquals(Recovery.Status.NOT_OBSERVED, Recovery.of(events, 12 * S).status(), "no heal at all");
        heal(10 * S);
        Recovery none = Recovery.of(events, 12 * S);
        assertEquals(Recovery.Status.NOT_OBSERVED, none.status());
        assertEquals("recovery not observed: no client op after the final heal", none.line());
        op(11 * S, "n2", OpType.FAIL);
        op(14 * S, "n2", OpType.FAIL);
        Recovery shortSpan = Recovery.of(events, 12 * S);
        assertEquals(Recovery.Status.NOT_OBSERVED, shortSpan.status(), "4 s of failures is not 12 s: " + shortSpan.line());
        assertFalse(shortSpan.notRecovered());
    }
}
