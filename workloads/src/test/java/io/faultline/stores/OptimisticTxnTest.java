package io.faultline.stores;

import static io.faultline.stores.TxnOps.micro;
import static io.faultline.stores.TxnOps.txn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Both kinds of optimistic transaction, as the etcd and ZooKeeper clients drive them: stored text in, writes out. */
class OptimisticTxnTest {

    @Test
    void listAppendReadsStoredListsAndWritesOnlyAppendedOnes() {
        OptimisticTxn t = OptimisticTxn.LIST_APPEND.parse(txn(List.of(
                micro("r", "x", null), micro("append", "y", 4L), micro("r", "y", null), micro("r", "z", null))), k -> true);
        Map<String, String> stored = new HashMap<>();
        stored.put("x", "1,2");
        stored.put("y", null);  // etcd: absent
        stored.put("z", "");    // ZooKeeper: a znode created empty
        OptimisticTxn.Outcome o = t.run(stored);
        assertEquals(List.of(micro("r", "x", List.of(1L, 2L)), micro("append", "y", 4L), micro("r", "y", List.of(4L)),
                micro("r", "z", List.of())), o.completion());
        assertEquals(Map.of("y", "4"), o.writes());
        assertTrue(OptimisticTxn.LIST_APPEND.mutates(List.of(micro("append", "y", 4L))));
        assertFalse(OptimisticTxn.LIST_APPEND.mutates(List.of(micro("r", "y", null))));
    }

    @Test
    void rwRegisterReadsAbsentAsNilAndSeesItsOwnWrites() {
        OptimisticTxn t = OptimisticTxn.RW_REGISTER.parse(txn(List.of(
                micro("r", "a", null), micro("w", "a", 7L), micro("r", "a", null), micro("r", "b", null),
                micro("r", "c", null))), k -> !k.contains("/"));
        Map<String, String> stored = new HashMap<>();
        stored.put("a", "3");
        stored.put("b", null);
        stored.put("c", "");
        OptimisticTxn.Outcome o = t.run(stored);
        assertEquals(List.of(micro("r", "a", 3L), micro("w", "a", 7L), micro("r", "a", 7L), micro("r", "b", null),
                micro("r", "c", null)), o.completion());
        assertEquals(Map.of("a", "7"), o.writes());
        assertThrows(IllegalArgumentException.class,
                () -> OptimisticTxn.RW_REGISTER.parse(txn(List.of(micro("w", "a/b", 1L))), k -> !k.contains("/")));
        assertFalse(OptimisticTxn.RW_REGISTER.mutates(List.of(micro("r", "a", null))));
    }
}
