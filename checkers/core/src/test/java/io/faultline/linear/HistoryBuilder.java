package io.faultline.linear;

import io.faultline.history.History;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes hand-made histories in tests: invoke(p, ...) then ok/fail/info(p, ...). */
final class HistoryBuilder {
    private final List<Op> events = new ArrayList<>();
    private final Map<Integer, Op> open = new HashMap<>();

    HistoryBuilder invoke(int p, String f, Object value) {
        return invoke(p, f, null, value);
    }

    HistoryBuilder invoke(int p, String f, String key, Object value) {
        Op op = new Op(events.size(), events.size() * 10L, p, OpType.INVOKE, f, key, value, null, null);
        events.add(op);
        open.put(p, op);
        return this;
    }

    HistoryBuilder ok(int p, Object value) {
        return complete(p, OpType.OK, value, null);
    }

    /** ok carrying the invocation's value (writes, cas). */
    HistoryBuilder ok(int p) {
        return complete(p, OpType.OK, open.get(p).value(), null);
    }

    HistoryBuilder fail(int p) {
        return complete(p, OpType.FAIL, open.get(p).value(), null);
    }

    HistoryBuilder fail(int p, String error) {
        return complete(p, OpType.FAIL, open.get(p).value(), error);
    }

    HistoryBuilder info(int p) {
        return complete(p, OpType.INFO, open.get(p).value(), "timed-out");
    }

    private HistoryBuilder complete(int p, OpType t, Object value, String error) {
        Op inv = open.remove(p);
        events.add(new Op(events.size(), events.size() * 10L, p, t, inv.f(), inv.key(), value, null, error));
        return this;
    }

    HistoryBuilder nemesis(String f, Object value) {
        events.add(new Op(events.size(), events.size() * 10L, Op.NEMESIS, OpType.INFO, f, null, value, null, null));
        return this;
    }

    History build() {
        return History.of(events);
    }
}
