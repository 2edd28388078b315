package io.faultline.check.elle;

import io.faultline.check.OpText;
import io.faultline.check.UnsuitableHistoryException;
import io.faultline.history.History;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * What an rw-register history says (Elle's rw-register): transactions of {@code ["w", k, v]} and
 * {@code ["r", k, v]} with every written value unique per key. Unlike list-append, a read shows
 * one version, not the order before it, so the version order of each key is inferred, and only
 * from facts that hold in every serial execution:
 * <ul>
 *   <li>the initial version (null) precedes every written one;</li>
 *   <li>a committed transaction that read v of k from outside and then wrote v' to k installed v'
 *       right over v (writes follow reads within a transaction);</li>
 *   <li>where completions carry the store's own order ({@code {"value": [...], "revision": R}}),
 *       writes of a key follow their transactions' revisions: the store's claim, checked against
 *       the rest.</li>
 * </ul>
 * A cycle in a key's version order is Elle's cyclic-versions (no total order of versions
 * exists); such a key contributes no edges. From an acyclic version order v1 &lt; v2 of key k
 * follow, in every serial order: the writer of v1 precedes the writer of v2 (ww), the writer of
 * v precedes its readers (wr), and a reader of v1 precedes the writer of v2 (rw: when it read, v2
 * was not yet installed). Those edges are therefore sound; the order is partial, so some
 * non-serializable histories stay undetected (as in Elle).
 */
final class RegisterInference extends TxnInference {
    /** The initial version of every key, read as null. */
    static final Object INIT = new Object() {
        @Override
        public String toString() {
            return "nil (initial)";
        }
    };

    /** key -> value -> the txn whose last write of the key it was (any outcome). */
    private final Map<String, Map<Object, Txn>> writer = new HashMap<>();
    /** key -> value -> every txn that wrote it, including intermediate writes. */
    private final Map<String, Map<Object, Txn>> anyWriter = new HashMap<>();
    /** key -> value -> committed txns that read it from outside. */
    private final Map<String, Map<Object, List<Txn>>> readers = new HashMap<>();
    private final Map<String, Graph<Object, DefaultEdge>> versions = new LinkedHashMap<>();
    /** key -> version edge -> why it holds, for explanations. */
    private final Map<String, Map<DefaultEdge, String>> why = new HashMap<>();
    private final Set<Integer> observed = new HashSet<>();

    RegisterInference(History history, String checker, Findings findings, boolean process, boolean realtime) {
        super(history, checker, findings, "w");
        indexWrites();
        for (Txn t : txns) {
            if (t.op().isOk()) internal(t);
        }
        readsAndDirtyReads();
        for (Txn t : txns) if (!t.op().isFail()) deps.vertex(t);
        versionOrders();
        dataEdges();
        lostUpdates();
        if (process) deps.processEdges(txns);
        if (realtime) deps.realtimeEdges(txns);
    }

    private static Object version(Object v) {
        return v == null ? INIT : v;
    }

    private void indexWrites() {
        for (Txn t : txns) {
            for (MicroOp m : t.mops()) {
                if (!m.isAppend()) continue;
                Txn prev = anyWriter.computeIfAbsent(m.key(), k -> new HashMap<>()).putIfAbsent(m.value(), t);
                if (prev != null && prev != t) {
                    throw UnsuitableHistoryException.at(checker, history, t.op(), "value " + m.value()
                            + " is written to " + m.key() + " again (first by op " + prev.op().invokeIndex()
                            + "); rw-register needs every written value unique per key to infer dependencies");
                }
            }
            for (Map.Entry<String, Object> w : extWrites(t).entrySet()) {
                writer.computeIfAbsent(w.getKey(), k -> new HashMap<>()).put(w.getValue(), t);
            }
        }
    }

    /** Per key, the first read when no write of the key came before it in the transaction. */
    static Map<String, Object> extReads(Txn t) {
        Map<String, Object> out = new LinkedHashMap<>();
        Set<String> touched = new HashSet<>();
        for (MicroOp m : t.mops()) {
            if (touched.add(m.key()) && !m.isAppend()) out.put(m.key(), m.value());
        }
        return out;
    }

    /** Per key, the transaction's last write. */
    static Map<String, Object> extWrites(Txn t) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (MicroOp m : t.mops()) if (m.isAppend()) out.put(m.key(), m.value());
        return out;
    }

    /** Elle's internal check: a read must return the transaction's own last write or read of the key. */
    private void internal(Txn t) {
        Map<String, Object> state = new HashMap<>();
        for (MicroOp m : t.mops()) {
            if (state.containsKey(m.key()) && !m.isAppend() && !Objects.equals(state.get(m.key()), m.value())) {
                findings.add("internal", t.describe("T") + " read " + m.key() + " = " + OpText.value(m.value())
                        + " but expected " + OpText.value(state.get(m.key())) + " (its own earlier read or write):"
                        + " the transaction does not see its own state.", t);
                return;
            }
            state.put(m.key(), m.value());
        }
    }

    private void readsAndDirtyReads() {
        for (Txn t : txns) {
            if (!t.op().isOk()) continue;
            for (Map.Entry<String, Object> r : extReads(t).entrySet()) {
                String k = r.getKey();
                Object v = r.getValue();
                readers.computeIfAbsent(k, x -> new HashMap<>()).computeIfAbsent(version(v), x -> new ArrayList<>()).add(t);
                if (v == null) continue;
                Txn w = anyWriter.getOrDefault(k, Map.of()).get(v);
                if (w == null) {
                    findings.add("unexpected-element", t.describe("T") + " read " + k + " = " + OpText.value(v)
                            + ", a value no transaction wrote.", t);
                } else if (w.op().isFail()) {
                    findings.add("G1a", t.describe("T1") + " read " + k + " = " + OpText.value(v) + ", written by the"
                            + " aborted " + w.describe("T2") + ": a read of a write that never committed.", t, w);
                } else if (writer.get(k).get(v) != w) {
                    findings.add("G1b", t.describe("T1") + " read " + k + " = " + OpText.value(v) + ", but "
                            + w.describe("T2") + " wrote " + k + " again afterwards: a read of an intermediate state"
                            + " of another transaction.", t, w);
                } else if (w.op().isInfo()) {
                    observed.add(w.id());
                }
            }
        }
    }

    /** Ok, or indeterminate with a write some committed read returned. */
    private boolean committed(Txn t) {
        return t != null && (t.op().isOk() || (t.op().isInfo() && observed.contains(t.id())));
    }

    private Graph<Object, DefaultEdge> vg(String k) {
        return versions.computeIfAbsent(k, x -> new DefaultDirectedGraph<>(DefaultEdge.class));
    }

    private void link(String k, Object a, Object b, String reason) {
        if (Objects.equals(a, b)) return;
        Graph<Object, DefaultEdge> g = vg(k);
        g.addVertex(a);
        g.addVertex(b);
        if (g.containsEdge(a, b)) return;
        why.computeIfAbsent(k, x -> new HashMap<>()).put(g.addEdge(a, b), reason);
    }

    private void versionOrders() {
        Map<String, List<Txn>> byRevision = new HashMap<>();
        for (Txn t : txns) {
            if (!committed(t)) continue;
            Map<String, Object> writes = extWrites(t);
            Map<String, Object> reads = t.op().isOk() ? extReads(t) : Map.of();
            for (Map.Entry<String, Object> w : writes.entrySet()) {
                link(w.getKey(), INIT, w.getValue(), "every value follows the initial one");
                if (reads.containsKey(w.getKey())) {
                    link(w.getKey(), version(reads.get(w.getKey())), w.getValue(), t.describe("a transaction")
                            + " read " + OpText.value(reads.get(w.getKey())) + " then wrote " + w.getValue());
                }
                if (t.revision() != null) byRevision.computeIfAbsent(w.getKey(), k -> new ArrayList<>()).add(t);
            }
            for (Map.Entry<String, Object> r : reads.entrySet()) {
                if (r.getValue() != null) link(r.getKey(), INIT, r.getValue(), "every value follows the initial one");
            }
        }
        for (Map.Entry<String, List<Txn>> e : byRevision.entrySet()) {
            List<Txn> ws = new ArrayList<>(e.getValue());
            ws.sort(Comparator.comparingLong(Txn::revision));
            for (int i = 1; i < ws.size(); i++) {
                Txn a = ws.get(i - 1);
                Txn b = ws.get(i);
                if (a.revision().equals(b.revision())) continue;
                link(e.getKey(), extWrites(a).get(e.getKey()), extWrites(b).get(e.getKey()), "the store gave the"
                        + " write of " + extWrites(a).get(e.getKey()) + " revision " + a.revision() + " and the write of "
                        + extWrites(b).get(e.getKey()) + " revision " + b.revision());
            }
        }
        List<String> cyclic = new ArrayList<>();
        for (Map.Entry<String, Graph<Object, DefaultEdge>> e : versions.entrySet()) {
            if (new CycleDetector<>(e.getValue()).detectCycles()) cyclic.add(e.getKey());
        }
        cyclic.sort(Comparator.naturalOrder());
        for (String k : cyclic) {
            List<Txn> writers = new ArrayList<>();
            String text = cyclicText(k, writers);
            findings.add("cyclic-versions", text, writers.toArray(Txn[]::new));
            versions.remove(k);
        }
    }

    /** One cycle of the key's version order, each step with its reason; adds the versions' writers. */
    private String cyclicText(String k, List<Txn> writers) {
        Graph<Object, DefaultEdge> g = versions.get(k);
        Set<Object> onCycle = new CycleDetector<>(g).findCycles();
        Object start = onCycle.iterator().next();
        StringBuilder sb = new StringBuilder("The versions of ").append(k).append(" have no total order: ");
        for (DefaultEdge out : g.outgoingEdgesOf(start)) {
            Object next = g.getEdgeTarget(out);
            if (!onCycle.contains(next)) continue;
            var back = BFSShortestPath.findPathBetween(g, next, start);
            if (back == null) continue;
            List<DefaultEdge> path = new ArrayList<>(List.of(out));
            path.addAll(back.getEdgeList());
            for (DefaultEdge e : path) {
                Txn w = writer.getOrDefault(k, Map.of()).get(g.getEdgeTarget(e));
                if (w != null && !writers.contains(w)) writers.add(w);
                sb.append(OpText.value(g.getEdgeSource(e) == INIT ? null : g.getEdgeSource(e))).append(" < ")
                        .append(OpText.value(g.getEdgeTarget(e) == INIT ? null : g.getEdgeTarget(e))).append(" because ")
                        .append(why.get(k).get(e)).append("; ");
            }
            break;
        }
        return sb.append("a contradiction: no serial order of these writes exists.").toString();
    }

    private void dataEdges() {
        for (Map.Entry<String, Graph<Object, DefaultEdge>> en : versions.entrySet()) {
            String k = en.getKey();
            Graph<Object, DefaultEdge> g = en.getValue();
            Map<Object, Txn> ws = writer.getOrDefault(k, Map.of());
            Map<Object, List<Txn>> rs = readers.getOrDefault(k, Map.of());
            for (Object v : g.vertexSet()) {
                Txn w = v == INIT ? null : ws.get(v);
                if (!committed(w)) w = null;
                if (w != null) for (Txn r : rs.getOrDefault(v, List.of())) deps.edge(w, r, Rel.WR, k, v, null);
            }
            for (DefaultEdge e : g.edgeSet()) {
                Object v1 = g.getEdgeSource(e);
                Object v2 = g.getEdgeTarget(e);
                Txn w2 = ws.get(v2);
                if (!committed(w2)) continue;
                Txn w1 = v1 == INIT ? null : ws.get(v1);
                if (committed(w1)) deps.edge(w1, w2, Rel.WW, k, v1, v2);
                for (Txn r : rs.getOrDefault(v1, List.of())) deps.edge(r, w2, Rel.RW, k, v2, v1);
            }
        }
    }

    /** Two committed transactions read the same version of a key and both wrote it. */
    private void lostUpdates() {
        Map<String, Map<Object, Txn>> first = new HashMap<>();
        for (Txn t : txns) {
            if (!t.op().isOk()) continue;
            Map<String, Object> writes = extWrites(t);
            for (Map.Entry<String, Object> r : extReads(t).entrySet()) {
                if (!writes.containsKey(r.getKey())) continue;
                Txn f = first.computeIfAbsent(r.getKey(), x -> new HashMap<>()).putIfAbsent(version(r.getValue()), t);
                if (f != null) {
                    findings.add("lost-update", f.describe("T1") + " and " + t.describe("T2") + " both read "
                            + r.getKey() + " = " + OpText.value(r.getValue()) + " and both wrote it; whichever committed"
                            + " second should have seen the other's write: one update was lost.", f, t);
                }
            }
        }
    }
}
