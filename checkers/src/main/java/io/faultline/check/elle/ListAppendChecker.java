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
public final class ListAppendChecker implements Checker {
    private static final int EXAMPLES = 8;
    private static final int TRIES = 16;
    private static final long DEFAULT_BUDGET = 20_000_000L;

    private final IsolationSpec spec;
    private final boolean process;
    private final boolean realtime;
    private final long budgetPerComponent;

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
        this.spec = spec;
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
        String edges = "ww, wr, rw" + (process ? ", process" : "") + (realtime ? ", realtime" : "");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("transaction-count", (long) inf.txns.size());
        d.put("edge-count", (long) inf.graph.edgeSet().size());
        d.put("component-count", (long) nontrivial);
        d.put("exhausted-component-count", (long) exhausted);
        d.put("edges-used", edges);
        TxnVerdict tv = TxnVerdict.of(spec, findings, inf.txns.size() + " transactions", exhausted, nontrivial, edges);
        tv.details(d);
        return new CheckResult(name(), tv.verdict(), tv.summary(), tv.anomalies(), d);
    }

    /**
     * Finds the shortest cycle of each type in one component; false when the budget ran out
     * first. Cycles of data edges alone come first; only when there are none does it look for
     * cycles that need process order, and only then for those that need real time. That never
     * changes a verdict: a plain cycle type implies its -process variant, which implies its
     * -realtime one, so every model that forbids a later kind forbids the earlier one.
     */
    private boolean searchComponent(Inference inf, CycleSearch search, Set<Integer> scc, Findings findings) {
        Map<String, CycleSearch.Cycle> best = new LinkedHashMap<>();
        cycleTypes(inf, search, scc, Rel.DATA, best);
        if (best.isEmpty() && process) cycleTypes(inf, search, scc, Rel.DATA | Rel.PROCESS.bit(), best);
        if (best.isEmpty() && realtime) cycleTypes(inf, search, scc, Rel.ALL, best);
        for (Map.Entry<String, CycleSearch.Cycle> e : best.entrySet()) {
            findings.add(explain(inf, e.getKey(), e.getValue()));
        }
        return !best.isEmpty() || !search.exhausted();
    }

    private void cycleTypes(Inference inf, CycleSearch search, Set<Integer> scc, int allowed,
                            Map<String, CycleSearch.Cycle> best) {
        int ww = Rel.WW.bit();
        int wr = Rel.WR.bit();
        int rw = Rel.RW.bit();
        int order = allowed & ~Rel.DATA;
        tryEdges(inf, search, scc, ww | order, ww | order, false, best);          // G0
        tryEdges(inf, search, scc, wr, ww | wr | order, false, best);             // G1c
        tryEdges(inf, search, scc, rw, ww | wr | order, false, best);             // G-single-item
        tryEdges(inf, search, scc, rw, allowed, true, best);                      // G-nonadjacent-item
        tryEdges(inf, search, scc, rw, allowed, false, best);                     // G2-item
        if (best.isEmpty() && order != 0) tryEdges(inf, search, scc, order, allowed, false, best);
    }

    private void tryEdges(Inference inf, CycleSearch search, Set<Integer> scc, int firstMask, int mask,
                          boolean nonadjacent, Map<String, CycleSearch.Cycle> best) {
        int tries = 0;
        for (int u : scc) {
            for (DepEdge e : inf.graph.outgoingEdgesOf(u)) {
                if ((e.bits() & firstMask) == 0) continue;
                int v = inf.graph.getEdgeTarget(e);
                if (!scc.contains(v)) continue;
                if (search.exhausted() || tries++ >= TRIES) return;
                CycleSearch.Cycle cy = nonadjacent ? search.closeNonadjacent(u, v, e, mask)
                        : search.closeCycle(u, v, e, firstMask, mask);
                if (cy == null) continue;
                String type = classify(cy);
                CycleSearch.Cycle cur = best.get(type);
                if (cur == null || cy.edges().size() < cur.edges().size()) best.put(type, cy);
            }
        }
    }

    /**
     * Elle's names: one rw edge is G-single-item; several, two of them adjacent (cyclically),
     * G2-item; several, none adjacent, G-nonadjacent-item; none but a wr edge G1c; only ww G0.
     * Any real-time edge adds -realtime, else any process edge -process.
     */
    static String classify(CycleSearch.Cycle cy) {
        int rw = cy.count(Rel.RW);
        String base;
        if (rw == 1) {
            base = "G-single-item";
        } else if (rw > 1) {
            boolean adjacent = false;
            List<Rel> rels = cy.rels();
            for (int i = 0; i < rels.size(); i++) {
                if (rels.get(i) == Rel.RW && rels.get((i + 1) % rels.size()) == Rel.RW) adjacent = true;
            }
            base = adjacent ? "G2-item" : "G-nonadjacent-item";
        } else {
            base = cy.count(Rel.WR) == 0 ? "G0" : "G1c";
        }
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
        sb.append("This rules out ").append(String.join(", ", ConsistencyModels.weakest(ConsistencyModels.ruledOutBy(type))))
                .append(" and every stronger model.");
        List<Long> idx = new ArrayList<>();
        for (int v : cy.vertices()) idx.add(inf.byId[v].op().invokeIndex());
        return new Anomaly(type, sb.toString(), idx);
    }

    private static String reason(Rel r, DepEdge e, String a, String b, Txn ta, Txn tb) {
        return switch (r) {
            case WW -> b + " appended " + e.other(r) + " to " + e.key(r) + " after " + a + "'s append of "
                    + e.element(r);
            case WR -> b + " read " + a + "'s append of " + e.element(r) + " to " + e.key(r);
            case RW -> a + "'s read of " + e.key(r) + " missed " + b + "'s append of " + e.element(r);
            case PROCESS -> "process " + ta.op().process() + " ran " + a + " before " + b;
            case REALTIME -> a + " completed at " + OpText.time(ta.op().completeTime()) + ", before " + b
                    + " was invoked at " + OpText.time(tb.op().invokeTime());
        };
    }
}
