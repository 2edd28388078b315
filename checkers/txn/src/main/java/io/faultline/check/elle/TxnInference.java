package io.faultline.check.elle;

import io.faultline.history.History;
import java.util.ArrayList;
import java.util.List;

/**
 * What the list-append and rw-register inferences share: the history's transactions, parsed once
 * ({@code byId} indexed by transaction id), the dependency graph they build between them, and the
 * findings that anomalies within single reads and transactions go to.
 */
abstract sealed class TxnInference permits Inference, RegisterInference {
    final String checker;
    final History history;
    final Findings findings;
    final List<Txn> txns = new ArrayList<>();
    final Txn[] byId;
    final TxnGraph deps = new TxnGraph();

    /** @param write the name of the micro-op that writes ("append", "w") */
    TxnInference(History history, String checker, Findings findings, String write) {
        this.history = history;
        this.checker = checker;
        this.findings = findings;
        byId = Txn.parseAll(history, checker, write, txns);
    }
}
