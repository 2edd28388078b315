package io.faultline.check.elle;

import io.faultline.check.CheckResult;
import io.faultline.check.Checker;
import io.faultline.history.History;

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
public final class RwRegisterChecker implements Checker {
    private static final int EXAMPLES = 8;

    private final IsolationSpec spec;
    private final long budgetPerComponent;

    /** Strict serializability, as Elle. */
    public RwRegisterChecker() {
        this(IsolationSpec.STRICT_SERIALIZABLE);
    }

    public RwRegisterChecker(IsolationSpec spec) {
        this(spec, 20_000_000L);
    }

    public RwRegisterChecker(IsolationSpec spec, long budgetPerComponent) {
        this.spec = spec;
        this.budgetPerComponent = budgetPerComponent;
    }

    @Override
    public String name() {
        return "rw-register";
    }

    @Override
    public CheckResult check(History history) {
        Findings findings = new Findings(EXAMPLES);
        boolean process = spec.needsProcessOrder();
        boolean realtime = spec.needsRealtimeOrder();
        RegisterInference inf = new RegisterInference(history, name(), findings, process, realtime);
        return TxnVerdict.check(name(), spec, findings, inf.txns, inf.byId, inf.deps, process, realtime,
                budgetPerComponent);
    }
}
