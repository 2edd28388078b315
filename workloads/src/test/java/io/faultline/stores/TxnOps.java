package io.faultline.stores;

import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.util.Arrays;
import java.util.List;

/** Transaction invocations as the txn clients receive them, for the optimistic-transaction tests. */
final class TxnOps {
    private TxnOps() {
    }

    /** A txn invocation whose value is the list of micro-ops. */
    static Op txn(Object value) {
        return new Op(0, 1, 2, OpType.INVOKE, "txn", null, value, null, null);
    }

    /** One micro-op, {@code [f, key, value]}; the value may be null (a read). */
    static List<Object> micro(String f, String key, Object value) {
        return Arrays.asList(f, key, value);
    }
}
