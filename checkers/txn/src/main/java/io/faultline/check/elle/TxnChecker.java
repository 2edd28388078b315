package io.faultline.check.elle;

import io.faultline.check.CheckResult;
import io.faultline.check.Checker;
import io.faultline.history.History;

/**
 * What Elle's transactional checkers share: the models and anomalies that decide the verdict
 * ({@link IsolationSpec}), the order edges they add, the cycle-search budget per component, and
 * the way from inferred dependencies to the result ({@link TxnVerdict}). They differ only in how a
 * history's transactions and dependencies are inferred.
 */
abstract sealed class TxnChecker implements Checker permits ListAppendChecker, RwRegisterChecker {
    /** Visited edges allowed per strongly connected component before the search gives up on it. */
    static final long DEFAULT_BUDGET = 20_000_000L;
    private static final int EXAMPLES = 8;

    /** How a checker infers a history's transactions and dependencies ({@link Inference}, {@link RegisterInference}). */
    @FunctionalInterface
    interface Inferrer {
        TxnInference infer(History history, String checker, Findings findings, boolean process, boolean realtime);
    }

    private final String name;
    private final Inferrer inferrer;
    private final IsolationSpec spec;
    private final boolean process;
    private final boolean realtime;
    private final long budgetPerComponent;

    TxnChecker(String name, Inferrer inferrer, IsolationSpec spec, boolean process, boolean realtime,
               long budgetPerComponent) {
        this.name = name;
        this.inferrer = inferrer;
        this.spec = spec;
        this.process = process;
        this.realtime = realtime;
        this.budgetPerComponent = budgetPerComponent;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final CheckResult check(History history) {
        Findings findings = new Findings(EXAMPLES);
        TxnInference inf = inferrer.infer(history, name, findings, process, realtime);
        return TxnVerdict.check(name, spec, findings, inf.txns, inf.byId, inf.deps, process, realtime,
                budgetPerComponent);
    }
}
