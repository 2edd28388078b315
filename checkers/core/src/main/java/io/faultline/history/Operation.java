package io.faultline.history;

/**
 * A client operation: its invocation paired with its completion.
 *
 * <p>A missing completion (the history ended while the op was outstanding) counts as
 * {@link OpType#INFO}: the op may have taken effect at any time after its invocation, or never.
 *
 * @param id         dense number of this operation among the history's operations (0-based)
 * @param invocation the {@code invoke} event
 * @param completion the {@code ok}/{@code fail}/{@code info} event, or null when absent
 */
public record Operation(int id, Op invocation, Op completion) {

    public Operation {
        if (invocation.type() != OpType.INVOKE) {
            throw new IllegalArgumentException("not an invocation: " + invocation);
        }
        if (completion != null && !completion.type().isCompletion()) {
            throw new IllegalArgumentException("not a completion: " + completion);
        }
    }

    /** {@code ok}, {@code fail} or {@code info}; an absent completion is {@code info}. */
    public OpType outcome() {
        return completion == null ? OpType.INFO : completion.type();
    }

    public boolean isOk() {
        return outcome() == OpType.OK;
    }

    public boolean isFail() {
        return outcome() == OpType.FAIL;
    }

    /** True when the outcome is unknown (info or no completion). */
    public boolean isInfo() {
        return outcome() == OpType.INFO;
    }

    public int process() {
        return invocation.process();
    }

    public String f() {
        return invocation.f();
    }

    public String key() {
        return invocation.key() != null ? invocation.key() : completion == null ? null : completion.key();
    }

    /**
     * The value that describes what happened: the completion's for an {@code ok} op (a read's
     * result, a txn with its reads filled in), otherwise the invocation's (what was attempted).
     */
    public Object value() {
        if (completion != null && completion.type() == OpType.OK) {
            return completion.value();
        }
        return invocation.value();
    }

    /** The error of the completion, or null. */
    public String error() {
        return completion == null ? null : completion.error();
    }

    public long invokeIndex() {
        return invocation.index();
    }

    /** Index of the completion event, or {@link Long#MAX_VALUE} when absent. */
    public long completeIndex() {
        return completion == null ? Long.MAX_VALUE : completion.index();
    }

    public long invokeTime() {
        return invocation.time();
    }

    /** Time of the completion event, or {@link Long#MAX_VALUE} when absent. */
    public long completeTime() {
        return completion == null ? Long.MAX_VALUE : completion.time();
    }
}
