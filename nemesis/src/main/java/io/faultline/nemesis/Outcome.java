package io.faultline.nemesis;

import io.faultline.fault.NemesisContext;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code info} completions nemeses return: the value names the fault, the action and the
 * nodes; a fault that could not be applied carries the reason in {@code error}.
 */
final class Outcome {
    private Outcome() {
    }

    static Map<String, Object> value(String fault, String action) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("fault", fault);
        v.put("action", action);
        return v;
    }

    static Op done(Op invocation, Map<String, Object> value) {
        return new Op(invocation.index(), invocation.time(), Op.NEMESIS, OpType.INFO, invocation.f(), null,
                value, null, null);
    }

    static Op failed(NemesisContext context, Op invocation, Map<String, Object> value, String error) {
        context.log().accept("nemesis " + invocation.f() + ": " + error);
        return new Op(invocation.index(), invocation.time(), Op.NEMESIS, OpType.INFO, invocation.f(), null,
                value, null, error);
    }

    static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
