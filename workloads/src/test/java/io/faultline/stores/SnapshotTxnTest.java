package io.faultline.stores;

import static io.faultline.stores.TxnOps.micro;
import static io.faultline.stores.TxnOps.txn;
import static org.junit.jupiter.api.Assertions.*;

import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnapshotTxnTest {

    @Test
    void microOpsApplyInOrderToTheSnapshotAndReadsSeeEarlierAppends() {
        SnapshotTxn t = SnapshotTxn.parse(txn(List.of(
                micro("r", "x", null), micro("append", "x", 3L), micro("append", "y", 4L),
                micro("r", "x", null), micro("append", "x", 5L))), k -> true);
        assertEquals(List.of("x", "y"), t.keys(), "each touched key once, first touch first");
        Map<String, List<Object>> lists = new HashMap<>();
        lists.put("x", new ArrayList<>(List.of(1L)));
        lists.put("y", new ArrayList<>());
        SnapshotTxn.Applied a = t.apply(lists);
        assertEquals(List.of(
                micro("r", "x", List.of(1L)), micro("append", "x", 3L), micro("append", "y", 4L),
                micro("r", "x", List.of(1L, 3L)), micro("append", "x", 5L)), a.completion());
        assertEquals(Set.of("x", "y"), a.written());
        assertEquals(List.of(1L, 3L, 5L), lists.get("x"), "what the client writes back");
    }

    @Test
    void readOnlyTxnWritesNothing() {
        SnapshotTxn t = SnapshotTxn.parse(txn(List.of(micro("r", "a", null))), k -> true);
        Map<String, List<Object>> lists = new HashMap<>(Map.of("a", new ArrayList<>(List.of(7L))));
        SnapshotTxn.Applied a = t.apply(lists);
        assertTrue(a.written().isEmpty());
        assertEquals(List.of(micro("r", "a", List.of(7L))), a.completion());
        assertFalse(SnapshotTxn.appends(List.of(micro("r", "a", null))));
        assertTrue(SnapshotTxn.appends(List.of(micro("r", "a", null), micro("append", "a", 1L))));
        assertFalse(SnapshotTxn.appends("not a list"));
    }

    @Test
    void malformedTxnsAreRejectedNamingWhat() {
        IllegalArgumentException notTxn = assertThrows(IllegalArgumentException.class,
                () -> SnapshotTxn.parse(new Op(0, 1, 2, OpType.INVOKE, "read", "x", null, null, null), k -> true));
        assertEquals("append ops are txn with a list of micro-ops", notTxn.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SnapshotTxn.parse(txn("x"), k -> true));
        IllegalArgumentException shortOp = assertThrows(IllegalArgumentException.class,
                () -> SnapshotTxn.parse(txn(List.of(List.of("r", "x"))), k -> true));
        assertEquals("malformed micro-op [r, x]", shortOp.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SnapshotTxn.parse(txn(List.of(micro("r", null, null))), k -> true));
        IllegalArgumentException badKey = assertThrows(IllegalArgumentException.class,
                () -> SnapshotTxn.parse(txn(List.of(micro("append", "a/b", 1L))), k -> !k.contains("/")));
        assertTrue(badKey.getMessage().contains("a/b"), badKey.getMessage());
    }

    @Test
    void listsRoundTripAsCommaSeparatedValues() {
        assertEquals("", SnapshotTxn.join(List.of()));
        assertEquals("1,2,30", SnapshotTxn.join(List.of(1L, 2L, 30L)));
        assertEquals(List.of(), SnapshotTxn.split("", Long::parseLong));
        List<Object> back = SnapshotTxn.split("1,2,30", Long::parseLong);
        assertEquals(List.of(1L, 2L, 30L), back);
        back.add(4L); // the client appends to what it read
        assertEquals(4, back.size());
    }
}
