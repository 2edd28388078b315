package io.faultline.check.elle;

import io.faultline.check.OpText;
import io.faultline.check.UnsuitableHistoryException;
import io.faultline.history.History;
import io.faultline.history.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * A transaction of a list-append or rw-register history: its operation and parsed micro-ops
 * (reads filled in when ok). {@code writeF} is the write micro-op's name, {@code "append"} or
 * {@code "w"}; a {@link MicroOp} with {@code isAppend} is a write of either kind.
 */
public record Txn(Operation op, List<MicroOp> mops, String writeF) {

    /**
     * The store's order for this transaction when its completion carries one, as
     * {@code {"value": [...], "revision": R}} (etcd revision, ZooKeeper zxid, raftstore index).
     */
    Long revision() {
        if (op.completion() != null && op.completion().value() instanceof java.util.Map<?, ?> m) {
            Object r = m.get("revision");
            if (r instanceof Long l) return l;
            if (r instanceof Integer i) return i.longValue();
        }
        return null;
    }

    /** "append" or "write", for explanations. */
    String write() {
        return writeF.equals("w") ? "write" : "append";
    }

    /** "appended" or "wrote". */
    String wrote() {
        return writeF.equals("w") ? "wrote" : "appended";
    }

    public int id() {
        return op.id();
    }

    /** Parses every operation into {@code into}; returns them indexed by operation id. */
    static Txn[] parseAll(History history, String checker, String writeF, List<Txn> into) {
        List<Operation> ops = history.operations();
        Txn[] byId = new Txn[ops.size()];
        for (Operation op : ops) {
            Txn t = parse(op, history, checker, writeF);
            into.add(t);
            byId[op.id()] = t;
        }
        return byId;
    }

    static Txn parse(Operation op, History history, String checker) {
        return parse(op, history, checker, "append");
    }

    /**
     * Parses {@code [[writeF, k, v], ["r", k, x], ...]}. For "append" a read returns a list (or
     * null); for "w" (registers) a read returns any single value, null meaning never written.
     */
    static Txn parse(Operation op, History history, String checker, String writeF) {
        boolean lists = writeF.equals("append");
        String shape = "[[\"" + writeF + "\", k, v], [\"r\", k, " + (lists ? "list" : "v") + "]]";
        if (!op.f().equals("txn")) {
            throw UnsuitableHistoryException.at(checker, history, op, "operation f=\"" + op.f()
                    + "\"; a " + checker + " history has only f=\"txn\" with micro-ops " + shape);
        }
        Object v = op.value();
        // a store's order may ride along: {"value": [micro-ops], "revision": R}
        if (v instanceof java.util.Map<?, ?> wrapped && wrapped.containsKey("value")) v = wrapped.get("value");
        if (!(v instanceof List<?> list)) {
            throw UnsuitableHistoryException.at(checker, history, op, "txn carries " + OpText.value(v)
                    + "; expected a list of micro-ops");
        }
        List<MicroOp> mops = new ArrayList<>(list.size());
        for (Object m : list) {
            if (!(m instanceof List<?> t) || t.size() != 3 || !(t.get(0) instanceof String f)
                    || !(f.equals(writeF) || f.equals("r"))) {
                throw UnsuitableHistoryException.at(checker, history, op, "micro-op " + OpText.value(m)
                        + " is not [\"" + writeF + "\", key, value] or [\"r\", key, " + (lists ? "list" : "value") + "]");
            }
            Object key = t.get(1);
            if (key == null) {
                throw UnsuitableHistoryException.at(checker, history, op, "micro-op " + OpText.value(m) + " has no key");
            }
            Object val = t.get(2);
            boolean append = f.equals(writeF);
            if (append && (val == null || val instanceof List<?>)) {
                throw UnsuitableHistoryException.at(checker, history, op, writeF + " " + OpText.value(m)
                        + " carries no single " + (lists ? "element" : "value"));
            }
            if (lists && !append && val != null && !(val instanceof List<?>)) {
                throw UnsuitableHistoryException.at(checker, history, op, "read " + OpText.value(m)
                        + " returned " + OpText.value(val) + "; expected a list (or null)");
            }
            mops.add(new MicroOp(append, String.valueOf(key), val));
        }
        return new Txn(op, List.copyOf(mops), writeF);
    }

    /** e.g. {@code T3 (process 2, op 17, ok: append 3 to x, read y = [1, 2])}. */
    String describe(String name) {
        StringBuilder sb = new StringBuilder(name).append(" (process ").append(op.process()).append(", op ")
                .append(op.invokeIndex()).append(", ").append(OpText.time(op.invokeTime())).append("..")
                .append(op.completion() == null ? "open" : OpText.time(op.completeTime()))
                .append(", ").append(op.outcome().wireName()).append(": ");
        for (int i = 0; i < mops.size(); i++) {
            if (i > 0) sb.append(", ");
            if (i == 8) {
                sb.append("...");
                break;
            }
            MicroOp m = mops.get(i);
            if (m.isAppend()) sb.append(write()).append(' ').append(m.value()).append(" to ").append(m.key());
            else sb.append("read ").append(m.key()).append(" = ").append(OpText.value(m.value()));
        }
        return sb.append(')').toString();
    }
}
