package io.faultline.check;

import io.faultline.history.History;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-written histories for checker tests: {@code invoke(p, f, key, value)} then
 * {@code ok/fail/info(p, ...)}. Each event is 1 ms after the previous one, so event order is
 * real-time order.
 */
public final class H {
    private final List<Op> events = new ArrayList<>();
    private final Map<Integer, Op> open = new HashMap<>();

    public static H h() {
        return new H();
    }

    public H invoke(int p, String f, String key, Object value) {
        Op op = new Op(events.size(), time(), p, OpType.INVOKE, f, key, value, null, null);
        events.add(op);
        open.put(p, op);
        return this;
    }

    public H ok(int p, Object value) {
        return complete(p, OpType.OK, value);
    }

    /** ok carrying the invocation's value. */
    public H ok(int p) {
        return complete(p, OpType.OK, open.get(p).value());
    }

    public H fail(int p) {
        return complete(p, OpType.FAIL, open.get(p).value());
    }

    public H info(int p) {
        return complete(p, OpType.INFO, open.get(p).value());
    }

    /** A whole op, invoked and completed ok with {@code result}. */
    public H op(int p, String f, String key, Object value, Object result) {
        return invoke(p, f, key, value).ok(p, result);
    }

    private H complete(int p, OpType t, Object value) {
        Op inv = open.remove(p);
        if (inv == null) throw new IllegalStateException("process " + p + " has no open op");
        events.add(new Op(events.size(), time(), p, t, inv.f(), inv.key(), value, null,
                t == OpType.OK ? null : "test"));
        return this;
    }

    private long time() {
        return events.size() * 1_000_000L;
    }

    public History build() {
        return History.of(events);
    }

    /** A list literal that may hold nulls. */
    public static List<Object> l(Object... xs) {
        return java.util.Arrays.asList(xs);
    }
}
