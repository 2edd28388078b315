package io.faultline.check.elle;

import io.faultline.check.Anomaly;
import io.faultline.check.OpText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;

/**
 * The cycle part of the transactional checkers: strongly connected components of the dependency
 * graph (jgrapht), in each the shortest cycle found of each of Elle's types, named and explained
 * edge by edge. A component whose search budget ran out before any cycle was found counts as
 * exhausted (the checker's verdict is then unknown, never valid).
 */
final class CycleAnomalies {
    private static final int TRIES = 16;

    private final Graph<Integer, DepEdge> graph;
    private final Txn[] byId;
    private final boolean process;
    private final boolean realtime;
    private final long budgetPerComponent;
    private final Set<String> forbidden;
    private int components;
    private int exhausted;

    /** @param forbidden the anomaly types that decide the verdict: searched for exhaustively */
    CycleAnomalies(Graph<Integer, DepEdge> graph, Txn[] byId, boolean process, boolean realtime,
                   long budgetPerComponent, Set<String> forbidden) {
        this.forbidden = forbidden;
        this.graph = graph;
        this.byId = byId;
        this.process = process;
        this.realtime = realtime;
        this.budgetPerComponent = budgetPerComponent;
    }

    /** Searches every component with two or more transactions, adding what it finds. */
    void search(Findings findings) {
        List<Set<Integer>> sccs = new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets();
        CycleSearch search = new CycleSearch(graph, byId.length, budgetPerComponent);
        int c = 0;
        for (Set<Integer> scc : sccs) {
            c++;
            if (scc.size() < 2) continue;
            components++;
            search.assign(scc, c);
            search.refill(budgetPerComponent);
            if (!searchComponent(search, scc, findings)) exhausted++;
        }
    }

    /** Components of two or more transactions. */
    int components() {
        return components;
    }

    /** Components whose budget ran out before a cycle was found. */
    int exhausted() {
        return exhausted;
    }

    /**
     * Finds the shortest cycle of each type in one component; false when the budget ran out
     * before a forbidden cycle was found. Cycles of data edges alone come first, then those that
     * need process order, then real time; a later stage runs only while no forbidden cycle was
     * found (once one is, the verdict is decided). Each stage first tries a few starting edges
     * per type, which finds a cycle quickly when any is forbidden (strict serializability); if
     * that finds nothing forbidden, it tries every starting edge of each forbidden type, so that
     * a weaker model (snapshot isolation among many allowed G2-item cycles) is never passed for
     * want of looking: a bounded search that runs out then says unknown, never valid.
     */
    private boolean searchComponent(CycleSearch search, Set<Integer> scc, Findings findings) {
        Map<String, CycleSearch.Cycle> best = new LinkedHashMap<>();
        stage(search, scc, Rel.DATA, "", best);
        if (!decided(best) && process) stage(search, scc, Rel.DATA | Rel.PROCESS.bit(), "-process", best);
        if (!decided(best) && realtime) stage(search, scc, Rel.ALL, "-realtime", best);
        for (Map.Entry<String, CycleSearch.Cycle> e : best.entrySet()) {
            findings.add(explain(e.getKey(), e.getValue()));
        }
        return decided(best) || !search.exhausted();
    }

    private boolean decided(Map<String, CycleSearch.Cycle> best) {
        for (String t : best.keySet()) if (forbidden.contains(t)) return true;
        return false;
    }

    private void stage(CycleSearch search, Set<Integer> scc, int allowed, String suffix,
                       Map<String, CycleSearch.Cycle> best) {
        cycleTypes(search, scc, allowed, suffix, false, best);
        if (!decided(best)) cycleTypes(search, scc, allowed, suffix, true, best);
    }

    private void cycleTypes(CycleSearch search, Set<Integer> scc, int allowed, String suffix, boolean exhaustive,
                            Map<String, CycleSearch.Cycle> best) {
        int ww = Rel.WW.bit();
        int wr = Rel.WR.bit();
        int rw = Rel.RW.bit();
        int order = allowed & ~Rel.DATA;
        String[] base = {"G0", "G1c", "G-single-item", "G-nonadjacent-item", "G2-item"};
        int[][] masks = {{ww | order, ww | order}, {wr, ww | wr | order}, {rw, ww | wr | order}, {rw, allowed},
            {rw, allowed}};
        for (int i = 0; i < base.length; i++) {
            if (exhaustive && (decided(best) || !forbidden.contains(base[i] + suffix))) continue;
            tryEdges(search, scc, masks[i][0], masks[i][1], i == 3, exhaustive, best);
        }
        boolean orderForbidden = forbidden.stream().anyMatch(t -> t.endsWith(suffix));
        if (order != 0 && !decided(best) && (!exhaustive || orderForbidden)) {
            tryEdges(search, scc, order, allowed, false, exhaustive, best);
        }
    }

    private void tryEdges(CycleSearch search, Set<Integer> scc, int firstMask, int mask,
                          boolean nonadjacent, boolean exhaustive, Map<String, CycleSearch.Cycle> best) {
        int tries = 0;
        for (int u : scc) {
            for (DepEdge e : graph.outgoingEdgesOf(u)) {
                if ((e.bits() & firstMask) == 0) continue;
                int v = graph.getEdgeTarget(e);
                if (!scc.contains(v)) continue;
                if (search.exhausted() || (!exhaustive && tries++ >= TRIES)) return;
                CycleSearch.Cycle cy = nonadjacent ? search.closeNonadjacent(u, v, e, mask)
                        : search.closeCycle(u, v, e, firstMask, mask);
                if (cy == null) continue;
                String type = classify(cy);
                CycleSearch.Cycle cur = best.get(type);
                if (cur == null || cy.edges().size() < cur.edges().size()) best.put(type, cy);
                if (exhaustive && forbidden.contains(type)) return;
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

    private Anomaly explain(String type, CycleSearch.Cycle cy) {
        int n = cy.vertices().size();
        StringBuilder sb = new StringBuilder(type).append(" cycle of ").append(n).append(" transactions. Let ");
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(i == n - 1 ? " and " : ", ");
            sb.append(byId[cy.vertices().get(i)].describe("T" + (i + 1)));
        }
        sb.append(". Then: ");
        for (int i = 0; i < n; i++) {
            String a = "T" + (i + 1);
            String b = "T" + ((i + 1) % n + 1);
            Txn ta = byId[cy.vertices().get(i)];
            Txn tb = byId[cy.vertices().get((i + 1) % n)];
            DepEdge e = cy.edges().get(i);
            Rel r = cy.rels().get(i);
            sb.append(a).append(" < ").append(b).append(" because ").append(reason(r, e, a, b, ta, tb));
            sb.append(i == n - 1 ? ": a contradiction. " : "; ");
        }
        sb.append("This rules out ").append(String.join(", ", ConsistencyModels.weakest(ConsistencyModels.ruledOutBy(type))))
                .append(" and every stronger model.");
        List<Long> idx = new ArrayList<>();
        for (int v : cy.vertices()) idx.add(byId[v].op().invokeIndex());
        return new Anomaly(type, sb.toString(), idx);
    }

    private static String reason(Rel r, DepEdge e, String a, String b, Txn ta, Txn tb) {
        return switch (r) {
            case WW -> b + " " + tb.wrote() + " " + e.other(r) + " to " + e.key(r) + " after " + a + "'s "
                    + ta.write() + " of " + e.element(r);
            case WR -> b + " read " + a + "'s " + ta.write() + " of " + e.element(r) + " to " + e.key(r);
            case RW -> a + "'s read of " + e.key(r) + " missed " + b + "'s " + tb.write() + " of " + e.element(r);
            case PROCESS -> "process " + ta.op().process() + " ran " + a + " before " + b;
            case REALTIME -> a + " completed at " + OpText.time(ta.op().completeTime()) + ", before " + b
                    + " was invoked at " + OpText.time(tb.op().invokeTime());
        };
    }
}
