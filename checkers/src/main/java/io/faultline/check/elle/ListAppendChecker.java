package io.faultline.check.elle;

import io.faultline.check.Anomaly;
import io.faultline.check.CheckResult;
import io.faultline.check.Checker;
import io.faultline.check.OpText;
import io.faultline.check.Verdict;
import io.faultline.history.History;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;

/**
 * Elle's list-append checker: infers ww, wr and rw dependencies (and, as options, process and
 * real-time order) between transactions of {@code txn} ops whose micro-ops append unique
 * elements to lists and read whole lists; finds strongly connected components of that graph
 * with jgrapht; in each, the shortest cycle found of each type (G0, G1c, G-single, G2-item, and
 * their -process / -realtime variants), explained edge by edge. Single-read anomalies (G1a, G1b,
 * internal, duplicate elements, incompatible orders, lost updates) are found directly. The
 * result names the consistency models the anomalies rule out.
 *
 * <p>The cycle search is bounded per component; a component whose budget ran out before any
 * cycle was found makes the verdict unknown, never valid.
 */
public final class ListAppendChecker implements Checker {
    private static final int EXAMPLES = 8;
    private static final int TRIES = 16;

    private final boolean process;
    private final boolean realtime;
    private final long budgetPerComponent;

    /** Data dependencies only (serializability and weaker). */
    public ListAppendChecker() {
        this(false, false, 20_000_000L);
    }

    /**
     * @param process            add edges for each process's order of transactions
     * @param realtime           add edges for real-time order (strict serializability)
     * @param budgetPerComponent visited edges allowed per component before giving up on it
     */
    public ListAppendChecker(boolean process, boolean realtime, long budgetPerComponent) {
        this.process = process;
        this.realtime = realtime;
        this.budgetPerComponent = budgetPerComponent;
    }

    @Override
    public String name() {
        return "list-append";
    }

    @Override
    public CheckResult check(History history) {
        Findings findings = new Findings(EXAMPLES);
        Inference inf = new Inference(history, name(), findings, process, realtime);
        List<Set<Integer>> sccs = new KosarajuStrongConnectivityInspector<>(inf.graph).stronglyConnectedSets();
        CycleSearch search = new CycleSearch(inf.graph, inf.byId.length, budgetPerComponent);
        int nontrivial = 0;
        int exhausted = 0;
        int c = 0;
        for (Set<Integer> scc : sccs) {
            c++;
            if (scc.size() < 2) continue;
            nontrivial++;
            search.assign(scc, c);
            search.refill(budgetPerComponent);
            if (!searchComponent(inf, search, scc, findings)) exhausted++;
        }
        List<String> types = new ArrayList<>(findings.counts.keySet());
        List<String> ruledOut = ConsistencyModels.ruledOutByAll(types);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("transaction-count", (long) inf.txns.size());
        d.put("edge-count", (long) inf.graph.edgeSet().size());
        d.put("component-count", (long) nontrivial);
        d.put("exhausted-component-count", (long) exhausted);
        d.put("anomaly-counts", new LinkedHashMap<>(findings.counts));
        d.put("ruled-out-models", ruledOut);
        d.put("possible-models", ConsistencyModels.stillPossible(ruledOut));
        d.put("edges-used", (process ? "ww, wr, rw, process" : "ww, wr, rw") + (realtime ? ", realtime" : ""));
        List<Anomaly> anomalies = findings.all();
        Verdict v;
        String summary;
        if (!anomalies.isEmpty()) {
            v = Verdict.INVALID;
            summary = String.join(", ", types) + " among " + inf.txns.size() + " transactions; rules out "
                    + String.join(", ", ruledOut);
        } else if (exhausted > 0) {
            v = Verdict.UNKNOWN;
            summary = exhausted + " of " + nontrivial + " dependency cycles' components were too large to search"
                    + " within the budget; no anomaly found elsewhere";
        } else {
            v = Verdict.VALID;
            summary = "no anomaly among " + inf.txns.size() + " transactions (" + d.get("edges-used") + " edges)";
        }
        return new CheckResult(name(), v, summary, anomalies, d);
    }

    /** Finds the shortest cycle of each type in one component; false when the budget ran out first. */
    private boolean searchComponent(Inference inf, CycleSearch search, Set<Integer> scc, Findings findings) {
        Map<String, CycleSearch.Cycle> best = new LinkedHashMap<>();
        int ww = Rel.WW.bit();
        int wr = Rel.WR.bit();
        int rw = Rel.RW.bit();
        int order = Rel.PROCESS.bit() | Rel.REALTIME.bit();
        tryEdges(inf, search, scc, ww, ww, best);                 // G0
        tryEdges(inf, search, scc, wr, ww | wr, best);            // G1c
        tryEdges(inf, search, scc, rw, ww | wr, best);            // G-single
        tryEdges(inf, search, scc, rw, Rel.DATA, best);           // G2-item
        if (best.isEmpty() && (process || realtime)) tryEdges(inf, search, scc, order, Rel.ALL, best);
        if (best.isEmpty()) tryEdges(inf, search, scc, Rel.ALL, Rel.ALL, best);
        for (Map.Entry<String, CycleSearch.Cycle> e : best.entrySet()) {
            findings.add(explain(inf, e.getKey(), e.getValue()));
        }
        return !best.isEmpty() || !search.exhausted();
    }

    private void tryEdges(Inference inf, CycleSearch search, Set<Integer> scc, int firstMask, int mask,
                          Map<String, CycleSearch.Cycle> best) {
        int tries = 0;
        for (int u : scc) {
            for (DepEdge e : inf.graph.outgoingEdgesOf(u)) {
                if ((e.bits() & firstMask) == 0) continue;
                int v = inf.graph.getEdgeTarget(e);
                if (!scc.contains(v)) continue;
                if (search.exhausted() || tries++ >= TRIES) return;
                CycleSearch.Cycle cy = search.closeCycle(u, v, e, firstMask, mask);
                if (cy == null) continue;
                String type = classify(cy);
                CycleSearch.Cycle cur = best.get(type);
                if (cur == null || cy.edges().size() < cur.edges().size()) best.put(type, cy);
            }
        }
    }

    static String classify(CycleSearch.Cycle cy) {
        int rw = cy.count(Rel.RW);
        String base = rw == 0 ? (cy.count(Rel.WR) == 0 ? "G0" : "G1c") : rw == 1 ? "G-single" : "G2-item";
        if (cy.count(Rel.REALTIME) > 0) return base + "-realtime";
        if (cy.count(Rel.PROCESS) > 0) return base + "-process";
        return base;
    }

    private static Anomaly explain(Inference inf, String type, CycleSearch.Cycle cy) {
        int n = cy.vertices().size();
        StringBuilder sb = new StringBuilder(type).append(" cycle of ").append(n).append(" transactions. Let ");
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(i == n - 1 ? " and " : ", ");
            sb.append(inf.byId[cy.vertices().get(i)].describe("T" + (i + 1)));
        }
        sb.append(". Then: ");
        for (int i = 0; i < n; i++) {
            String a = "T" + (i + 1);
            String b = "T" + ((i + 1) % n + 1);
            Txn ta = inf.byId[cy.vertices().get(i)];
            Txn tb = inf.byId[cy.vertices().get((i + 1) % n)];
            DepEdge e = cy.edges().get(i);
            Rel r = cy.rels().get(i);
            sb.append(a).append(" < ").append(b).append(" because ").append(reason(r, e, a, b, ta, tb));
            sb.append(i == n - 1 ? ": a contradiction. " : "; ");
        }
        sb.append("This rules out ").append(String.join(", ", ConsistencyModels.ruledOutBy(type))).append('.');
        List<Long> idx = new ArrayList<>();
        for (int v : cy.vertices()) idx.add(inf.byId[v].op().invokeIndex());
        return new Anomaly(type, sb.toString(), idx);
    }

    private static String reason(Rel r, DepEdge e, String a, String b, Txn ta, Txn tb) {
        return switch (r) {
            case WW -> b + " appended " + e.other(r) + " to " + e.key(r) + " right after " + a + "'s append of "
                    + e.element(r);
            case WR -> b + " read " + a + "'s append of " + e.element(r) + " to " + e.key(r);
            case RW -> a + "'s read of " + e.key(r) + " missed " + b + "'s append of " + e.element(r);
            case PROCESS -> "process " + ta.op().process() + " ran " + a + " before " + b;
            case REALTIME -> a + " completed at " + OpText.time(ta.op().completeTime()) + ", before " + b
                    + " was invoked at " + OpText.time(tb.op().invokeTime());
        };
    }
}
