package io.faultline.stores;

import io.faultline.history.Op;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * A transaction that a store without multi-key transactions of its own runs optimistically (the
 * etcd and ZooKeeper clients): read the stored text of every key it touches as one snapshot, run
 * the micro-ops on that snapshot in order (a read after the transaction's own write sees it), then
 * write the changed keys only if no touched key changed since the snapshot. The kind —
 * list-append ({@link SnapshotTxn}) or rw-register ({@link RegisterTxn}) — decides what a key's
 * text means; the store decides how to read, guard and write.
 */
public interface OptimisticTxn {

    /** The keys the micro-ops touch, in first-touched order. */
    List<String> keys();

    /**
     * Runs the micro-ops on the snapshot.
     *
     * @param stored each touched key's text as stored; null (or, for a znode made only as a parent,
     *               "") when the key holds nothing yet
     */
    Outcome run(Map<String, String> stored);

    /** The completion's micro-ops (reads with what they saw) and the new text of each written key. */
    record Outcome(List<Object> completion, Map<String, String> writes) {
    }

    /**
     * A transaction kind: how to parse its ops and whether one may change the store.
     *
     * @param parser   builds the transaction of an invocation, keys checked by the predicate; throws
     *                 IllegalArgumentException naming what is malformed (the op then certainly failed)
     * @param mutation whether a transaction value may change the store
     */
    record Kind(BiFunction<Op, Predicate<String>, OptimisticTxn> parser, Predicate<Object> mutation) {
        /** @throws IllegalArgumentException naming what is malformed; the op then certainly failed */
        public OptimisticTxn parse(Op inv, Predicate<String> validKey) {
            return parser.apply(inv, validKey);
        }

        public boolean mutates(Object txnValue) {
            return mutation.test(txnValue);
        }
    }

    Kind LIST_APPEND = new Kind(SnapshotTxn::parse, SnapshotTxn::appends);

    Kind RW_REGISTER = new Kind(RegisterTxn::parse, RegisterTxn::writes);
}
