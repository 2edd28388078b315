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

    /** The state in words, e.g. {@code 3}, {@code absent}, {@code {x=1, y=absent}}. */
    String describeState(int state);

    /** The operation in words, e.g. {@code read -> 3}, {@code cas 1 -> 4}. */
    String describeOp(int op);

    /** Why {@code op} cannot take effect in {@code state} (called only when it cannot). */
    String whyNot(int state, int op);
}
