package io.faultline.check.elle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Spot checks of the model/anomaly tables against what Elle's consistency_model.clj says. */
class ConsistencyModelsTest {
    private static void forbids(String model, String... types) {
        for (String t : types) assertTrue(ConsistencyModels.forbids(model, t), model + " must forbid " + t);
    }

    private static void allows(String model, String... types) {
        for (String t : types) assertFalse(ConsistencyModels.forbids(model, t), model + " must allow " + t);
    }

    @Test
    void eachModelForbidsWhatElleSays() {
        forbids("read-uncommitted", "G0", "duplicate-elements", "cyclic-versions");
        allows("read-uncommitted", "G1a", "G1b", "G1c", "G2-item", "G0-process");
        forbids("read-committed", "G0", "G1a", "G1b", "G1c", "future-read", "dirty-update", "incompatible-order");
        allows("read-committed", "G-single-item", "G2-item", "lost-update", "internal", "G1c-realtime");
        forbids("repeatable-read", "G2-item", "lost-update", "G-single-item", "G-nonadjacent-item");
        allows("repeatable-read", "G1c-realtime");
        forbids("snapshot-isolation", "G-single-item", "G-nonadjacent-item", "internal", "lost-update");
        allows("snapshot-isolation", "G2-item", "G-single-item-process", "G1c-process");
        forbids("serializable", "G2-item", "G-nonadjacent-item", "internal", "future-read");
        allows("serializable", "G-single-item-realtime", "G2-item-process", "G1c-process");
        forbids("strong-session-serializable", "G-single-item-process", "G1c-process", "G2-item-process");
        allows("strong-session-serializable", "G-single-item-realtime");
        forbids("strong-session-snapshot-isolation", "G-nonadjacent-item-process", "G1c-process");
        allows("strong-session-snapshot-isolation", "G2-item-process");
        forbids("strict-serializable", "G-single-item-realtime", "G2-item-realtime", "G1c-realtime", "G0",
                "G-nonadjacent-item-process");
    }

    @Test
    void ruledOutModelsAndTheirWeakestBoundary() {
        List<String> out = ConsistencyModels.ruledOutBy("G2-item");
        assertTrue(out.containsAll(List.of("strict-serializable", "serializable", "repeatable-read")), out.toString());
        assertFalse(out.contains("snapshot-isolation"), out.toString());
        assertEquals(List.of("repeatable-read"), ConsistencyModels.weakest(out));
        assertEquals(List.of("strict-serializable", "strong-snapshot-isolation"),
                ConsistencyModels.ruledOutBy("G-single-item-realtime"));
        assertEquals("serializable", ConsistencyModels.canonical("PL-3"));
        assertEquals(null, ConsistencyModels.canonical("serialisable"));
    }

    @Test
    void specNeedsOrderEdgesOnlyForModelsThatForbidTheirAnomalies() {
        assertTrue(IsolationSpec.STRICT_SERIALIZABLE.needsRealtimeOrder());
        assertTrue(IsolationSpec.STRICT_SERIALIZABLE.needsProcessOrder());
        IsolationSpec ser = IsolationSpec.parse("serializable", null);
        assertFalse(ser.needsRealtimeOrder() || ser.needsProcessOrder());
        IsolationSpec session = IsolationSpec.parse("strong-session-snapshot-isolation", null);
        assertTrue(session.needsProcessOrder() && !session.needsRealtimeOrder());
        assertTrue(IsolationSpec.parse("read-uncommitted", "G1a").forbidden().contains("dirty-update"));
    }
}
