package io.faultline.linear;

/**
 * The compiled form of a model over the operations of one partition: states are ints
 * (ids a kernel assigns), operations are their positions in the compiled list.
 */
public interface Kernel {
    /** Returned by {@link #step} when the operation cannot take effect in the given state. */
    int ILLEGAL = -1;

    /**
     * Whether the operation constrains the search at all. Failed operations (which certainly did
     * not take effect) and unknown-outcome reads are not.
     */
    boolean relevant(int op);

    int initialState();

    /** The state after {@code op} takes effect in {@code state}, or {@link #ILLEGAL}. */
    int step(int state, int op);

    /**
     * True when the operation never changes the state wherever it is legal (a read, a get, a
     * cas whose compare failed). The search uses this: placing such an op as soon as it is
     * legal never loses a linearization, so having backtracked over it there is nothing else
     * to try at that point.
     */
    default boolean readOnly(int op) {
        return false;
    }

    /**
     * Operations with the same non-negative signature have the same transition function in every
     * state (same kind and arguments). The search uses it to try only one of several identical
     * unknown-outcome operations. -1 means "identical to no other".
     */
    default long effectSignature(int op) {
        return -1;
    }

    /**
     * When every state this kernel can reach is below this bound, the search may tabulate all
     * transitions up front and skip calls to {@link #step} in its hot loop. -1: unbounded.
     */
    default int stateBound() {
        return -1;
    }

    /** The state in words, e.g. {@code 3}, {@code absent}, {@code {x=1, y=absent}}. */
    String describeState(int state);

    /** The operation in words, e.g. {@code read -> 3}, {@code cas 1 -> 4}. */
    String describeOp(int op);

    /** Why {@code op} cannot take effect in {@code state} (called only when it cannot). */
    String whyNot(int state, int op);
}
