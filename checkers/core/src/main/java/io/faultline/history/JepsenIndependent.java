package io.faultline.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Jepsen's {@code jepsen.independent} runs one register per key and records each value as a
 * tuple {@code [key value]}: {@code {:f :read, :value [3 nil]}}, {@code {:f :cas, :value [3 [1 2]]}}.
 * This unwraps such histories into faultline's form, with the key in {@code key}.
 */
public final class JepsenIndependent {
    private static final Set<String> REGISTER_FS = Set.of("read", "write", "cas");

    private JepsenIndependent() {
    }

    /**
     * True when every client read/write/cas event carries a {@code [key value]} tuple (and every
     * cas a {@code [key [expected new]]}), with no key set: the shape only independent histories
     * have, since a plain read is invoked with nil and a plain cas carries two scalars.
     */
    public static boolean applies(History h) {
        boolean any = false;
        for (Op op : h.events()) {
            if (op.isNemesis()) continue;
            if (!REGISTER_FS.contains(op.f())) return false;
            if (op.key() != null) return false;
            if (op.type() == OpType.FAIL || op.type() == OpType.INFO) {
                if (op.value() != null && !isTuple(op)) return false;
                continue;
            }
            if (!isTuple(op)) return false;
            any = true;
        }
        return any;
    }

    private static boolean isTuple(Op op) {
        if (!(op.value() instanceof List<?> t) || t.size() != 2 || t.get(0) instanceof List<?>) return false;
        return !op.f().equals("cas") || t.get(1) instanceof List<?> pair && pair.size() == 2;
    }

    /** The history with each tuple's key moved into {@code key} and its value into {@code value}. */
    public static History unwrap(History h) {
        List<Op> out = new ArrayList<>(h.size());
        for (Op op : h.events()) {
            if (!op.isNemesis() && op.value() instanceof List<?> t && t.size() == 2) {
                out.add(new Op(op.index(), op.time(), op.process(), op.type(), op.f(), String.valueOf(t.get(0)),
                        t.get(1), op.node(), op.error()));
            } else {
                out.add(op);
            }
        }
        History.Builder b = History.builder(h.source());
        try {
            for (int i = 0; i < out.size(); i++) b.add(out.get(i), h.lineOf(i));
        } catch (HistoryFormatException e) {
            throw new IllegalStateException("unwrapping changed no index or process, so cannot break a rule", e);
        }
        return b.build();
    }
}
