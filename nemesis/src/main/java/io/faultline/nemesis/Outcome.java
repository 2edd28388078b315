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

    /** The fault was applied and its effect seen: {@code evidence} says what was observed. */
    static Op verified(Op invocation, Map<String, Object> value, String evidence) {
        value.put("verified", true);
        value.put("evidence", evidence);
        return new Op(invocation.index(), invocation.time(), Op.NEMESIS, OpType.INFO, invocation.f(), null,
                value, null, null);
    }

    /**
     * The commands ran but the effect did not show (or could not be checked): recorded with
     * {@code "verified": false} and the reason, so the run cannot count it as a fault that happened.
     */
    static Op unverified(NemesisContext context, Op invocation, Map<String, Object> value, String reason) {
        context.log().accept("nemesis " + invocation.f() + ": NOT VERIFIED: " + reason);
        value.put("verified", false);
        value.put("reason", reason);
        return new Op(invocation.index(), invocation.time(), Op.NEMESIS, OpType.INFO, invocation.f(), null,
                value, null, null);
    }

    /** Applying the fault failed: recorded with the error, and {@code "verified": false}. */
    static Op failed(NemesisContext context, Op invocation, Map<String, Object> value, String error) {
        context.log().accept("nemesis " + invocation.f() + ": " + error);
        value.put("verified", false);
        value.put("reason", error);
        return new Op(invocation.index(), invocation.time(), Op.NEMESIS, OpType.INFO, invocation.f(), null,
                value, null, error);
    }

    /** Verified when {@code problem} is empty, else unverified with it as the reason. */
    static Op checked(NemesisContext context, Op invocation, Map<String, Object> value, String problem,
                      String evidence) {
        return problem.isEmpty() ? verified(invocation, value, evidence)
                : unverified(context, invocation, value, problem);
    }

    static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
