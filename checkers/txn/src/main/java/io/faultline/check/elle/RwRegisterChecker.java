package io.faultline.check.elle;

/**
 * Elle's rw-register checker: transactions of unique writes and reads over registers
 * ({@code [["w", k, v], ["r", k, v]]}). Version orders are inferred per key from the initial
 * state, from reads followed by writes in one transaction and, where completions carry them,
 * from the store's revisions ({@link RegisterInference}); a key whose inferred order is cyclic is
 * reported as cyclic-versions. Dependency cycles, their names, the model verdict and the
 * explanations are those of the list-append checker ({@link CycleAnomalies},
 * {@link TxnVerdict}); single-transaction and single-read anomalies: internal, G1a, G1b,
 * lost-update.
 */
public final class RwRegisterChecker extends TxnChecker {
    /** Strict serializability, as Elle. */
    public RwRegisterChecker() {
        this(IsolationSpec.STRICT_SERIALIZABLE);
    }

    public RwRegisterChecker(IsolationSpec spec) {
        this(spec, DEFAULT_BUDGET);
    }

    public RwRegisterChecker(IsolationSpec spec, long budgetPerComponent) {
        super("rw-register", RegisterInference::new, spec, spec.needsProcessOrder(), spec.needsRealtimeOrder(),
                budgetPerComponent);
    }
}
