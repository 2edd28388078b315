package io.faultline.check.elle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;

/**
 * The dependency graph over transactions (vertex = operation id) shared by the transactional
 * checkers: data edges are added by each checker's inference, process and real-time order here.
 * Failed transactions never take part.
 */
final class TxnGraph {
    final Graph<Integer, DepEdge> graph = new DefaultDirectedGraph<>(DepEdge.class);

    void vertex(Txn t) {
        graph.addVertex(t.id());
    }

    void edge(Txn from, Txn to, Rel rel, Object key, Object element, Object other) {
        if (from == to || from.op().isFail() || to.op().isFail()) return;
        DepEdge e = graph.getEdge(from.id(), to.id());
        if (e == null) {
            e = new DepEdge();
            graph.addEdge(from.id(), to.id(), e);
        }
        e.add(rel, key, element, other);
    }

    /**
     * Each process's transactions in order. Only a completed (ok) transaction orders the next one:
     * an indeterminate one may take effect at any time after its invocation, so if an imported
     * history lets its process go on, nothing follows from it.
     */
    void processEdges(List<Txn> txns) {
        Map<Integer, Txn> last = new HashMap<>();
        for (Txn t : txns) {
            if (t.op().isFail()) continue;
            Txn prev = last.put(t.op().process(), t);
            if (prev != null && prev.op().isOk()) edge(prev, t, Rel.PROCESS, null, null, null);
        }
    }

    /**
     * T1 before T2 when T1 completed before T2 was invoked. Only edges from the frontier (txns
     * completed and not yet followed by a later completed one) are added; the rest follow by
     * transitivity, which keeps the edge count near n times the concurrency.
     */
    void realtimeEdges(List<Txn> txns) {
        List<Txn> live = txns.stream().filter(t -> !t.op().isFail()).toList();
        record Ev(long time, boolean complete, Txn t) {
        }
        List<Ev> evs = new ArrayList<>();
        for (Txn t : live) {
            evs.add(new Ev(t.op().invokeTime(), false, t));
            if (t.op().isOk()) evs.add(new Ev(t.op().completeTime(), true, t));
        }
        // at equal times invocations go first: only strictly earlier completions order
        evs.sort(Comparator.comparingLong(Ev::time).thenComparing(Ev::complete));
        List<Txn> frontier = new ArrayList<>();
        Map<Integer, List<Txn>> before = new HashMap<>();
        for (Ev e : evs) {
            if (!e.complete()) {
                before.put(e.t().id(), List.copyOf(frontier));
                for (Txn f : frontier) edge(f, e.t(), Rel.REALTIME, null, null, null);
            } else {
                List<Txn> preds = before.remove(e.t().id());
                if (preds != null) frontier.removeAll(new HashSet<>(preds));
                frontier.add(e.t());
            }
        }
    }
}
