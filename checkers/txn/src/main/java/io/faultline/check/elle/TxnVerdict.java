package io.faultline.check.elle;

import io.faultline.check.Anomaly;
import io.faultline.check.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns what a transactional checker found into Elle's kind of answer: which anomalies were
 * found, which models they rule out, which of the requested models hold, and the verdict, which
 * only anomalies the requested models (or anomaly list) forbid make invalid.
 *
 * @param verdict   invalid when a forbidden anomaly was found; unknown when a search gave up and
 *                  nothing forbidden was found; else valid
 * @param summary   one line
 * @param anomalies the explained forbidden anomalies (the check's anomalies)
 * @param allowed   explained anomalies found that the requested models allow
 */
record TxnVerdict(Verdict verdict, String summary, List<Anomaly> anomalies, List<Anomaly> allowed,
                  Map<String, Long> counts, List<String> forbiddenFound, List<String> ruledOut,
                  List<String> holding, IsolationSpec spec) {

    /**
     * Searches the graph for cycles and assembles the check's result: verdict, summary,
     * forbidden anomalies, and details (counts, models ruled out and holding, edges used).
     */
    static io.faultline.check.CheckResult check(String checker, IsolationSpec spec, Findings findings, List<Txn> txns,
                                                Txn[] byId, TxnGraph deps, boolean process, boolean realtime,
                                                long budgetPerComponent) {
        CycleAnomalies cycles = new CycleAnomalies(deps.graph, byId, process, realtime, budgetPerComponent,
                spec.forbidden());
        cycles.search(findings);
        String edges = "ww, wr, rw" + (process ? ", process" : "") + (realtime ? ", realtime" : "");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("transaction-count", (long) txns.size());
        d.put("edge-count", (long) deps.graph.edgeSet().size());
        d.put("component-count", (long) cycles.components());
        d.put("exhausted-component-count", (long) cycles.exhausted());
        d.put("edges-used", edges);
        TxnVerdict tv = of(spec, findings, txns.size() + " transactions", cycles.exhausted(), cycles.components(), edges);
        tv.details(d);
        return new io.faultline.check.CheckResult(checker, tv.verdict(), tv.summary(), tv.anomalies(), d);
    }

    static TxnVerdict of(IsolationSpec spec, Findings findings, String population, int exhausted, int components,
                         String edges) {
        Set<String> forbidden = spec.forbidden();
        List<String> found = new ArrayList<>(findings.counts.keySet());
        List<String> forbiddenFound = found.stream().filter(forbidden::contains).toList();
        List<String> ruledOut = ConsistencyModels.ruledOutByAll(found);
        List<String> holding = new ArrayList<>();
        for (String m : spec.models()) {
            if (ruledOut.contains(m)) continue;
            holding.add(m);
        }
        List<Anomaly> bad = new ArrayList<>();
        List<Anomaly> ok = new ArrayList<>();
        for (Anomaly a : findings.all()) (forbidden.contains(a.type()) ? bad : ok).add(a);
        Verdict v;
        String head;
        if (!forbiddenFound.isEmpty()) {
            v = Verdict.INVALID;
            head = String.join(", ", forbiddenFound) + " among " + population;
        } else if (exhausted > 0) {
            v = Verdict.UNKNOWN;
            head = exhausted + " of " + components + " dependency cycles' components were too large to search"
                    + " within the budget; no forbidden anomaly found elsewhere among " + population;
        } else {
            v = Verdict.VALID;
            head = "no forbidden anomaly among " + population;
        }
        String models;
        if (spec.models().isEmpty()) models = "";
        else if (holding.isEmpty()) models = ": none holds";
        else models = ": " + String.join(", ", holding) + (v == Verdict.VALID ? " holds" : " not ruled out");
        String summary = head + " (" + edges + " edges); checked " + spec.describe() + models
                + (found.isEmpty() ? "" : "; found " + String.join(", ", found))
                + (ruledOut.isEmpty() ? "" : ", ruling out " + String.join(", ", ConsistencyModels.weakest(ruledOut))
                + " and every stronger model");
        return new TxnVerdict(v, summary, bad, ok, new LinkedHashMap<>(findings.counts), forbiddenFound, ruledOut,
                holding, spec);
    }

    /** Adds Elle's fields to a result's details. */
    void details(Map<String, Object> d) {
        d.put("consistency-models", spec.models());
        if (!spec.anomalies().isEmpty()) d.put("anomalies-requested", spec.anomalies());
        d.put("anomaly-counts", counts);
        d.put("anomaly-types", new ArrayList<>(counts.keySet()));
        d.put("forbidden-anomaly-types", forbiddenFound);
        d.put("ruled-out-models", ruledOut);
        d.put("not", ConsistencyModels.weakest(ruledOut));
        d.put("possible-models", ConsistencyModels.stillPossible(ruledOut));
        d.put("models-holding", holding);
        if (!allowed.isEmpty()) {
            List<Object> out = new ArrayList<>();
            for (Anomaly a : allowed) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("type", a.type());
                m.put("explanation", a.explanation());
                m.put("ops", a.opIndexes());
                out.add(m);
            }
            d.put("allowed-anomalies", out);
        }
    }
}
