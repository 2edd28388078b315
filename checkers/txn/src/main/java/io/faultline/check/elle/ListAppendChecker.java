package io.faultline.check.elle;

/**
 * Elle's list-append checker: infers ww, wr and rw dependencies (including those to committed
 * appends no read returned) and, when the requested models need them, process and real-time
 * order, between transactions of {@code txn} ops whose micro-ops append unique elements to lists
 * and read whole lists; finds strongly connected components of that graph with jgrapht; in each,
 * the shortest cycle found of each type (G0, G1c, G-single-item, G-nonadjacent-item, G2-item, and
 * their -process / -realtime variants, named by counting and placing the rw edges as Elle does),
 * explained edge by edge. Anomalies within single reads and transactions (G1a, G1b, internal,
 * future-read, dirty-update, duplicate-elements, incompatible-order, lost-update) are found
 * directly.
 *
 * <p>The verdict is Elle's: invalid exactly when an anomaly is found that one of the requested
 * consistency models ({@link IsolationSpec}, default strict serializable) forbids, or that was
 * named among the anomalies to reject. Other anomalies found are listed in the details with the
 * models they rule out, but do not fail the check.
 *
 * <p>The cycle search is bounded per component; a component whose budget ran out before any
 * cycle was found makes the verdict unknown, never valid.
 */
public final class ListAppendChecker extends TxnChecker {
    /** Elle's default: strict serializability, so with process and real-time order. */
    public ListAppendChecker() {
        this(IsolationSpec.STRICT_SERIALIZABLE);
    }

    /** Checks the models and anomalies of {@code spec}, with the order edges they need. */
    public ListAppendChecker(IsolationSpec spec) {
        this(spec, DEFAULT_BUDGET);
    }

    /** As {@link #ListAppendChecker(IsolationSpec)} with a search budget per component. */
    public ListAppendChecker(IsolationSpec spec, long budgetPerComponent) {
        this(spec, spec.needsProcessOrder(), spec.needsRealtimeOrder(), budgetPerComponent);
    }

    /**
     * @param spec               the models and anomalies that decide the verdict
     * @param process            add edges for each process's order of transactions
     * @param realtime           add edges for real-time order (strict serializability)
     * @param budgetPerComponent visited edges allowed per component before giving up on it
     */
    public ListAppendChecker(IsolationSpec spec, boolean process, boolean realtime, long budgetPerComponent) {
        super("list-append", Inference::new, spec, process, realtime, budgetPerComponent);
    }
}
