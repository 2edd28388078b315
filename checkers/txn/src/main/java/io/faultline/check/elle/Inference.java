package io.faultline.check.elle;

import io.faultline.check.OpText;
import io.faultline.check.UnsuitableHistoryException;
import io.faultline.history.History;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;

/**
 * What a list-append history says without cycle search: per key the version order (the longest
 * read; every read must be a prefix of it), who appended each element, the anomalies visible in
 * single reads (aborted and intermediate reads, incompatible orders, lost updates, dirty updates;
 * {@link TxnChecks} those within one transaction), and the dependency graph over committed and
 * indeterminate transactions, including the edges to appends no read returned.
 */
final class Inference extends TxnInference {
    final Graph<Integer, DepEdge> graph = deps.graph;

    /** key -> element -> the appending txn. */
    private final Map<String, Map<Object, Txn>> appender = new HashMap<>();
    /** key -> the longest read (version order) and the txn that read it. */
    private final Map<String, List<?>> order = new HashMap<>();
    private final Map<String, Txn> orderReader = new HashMap<>();
    private final Map<String, Map<Object, Integer>> position = new HashMap<>();
    /** key -> the longest read with duplicates dropped: the version order edges use. */
    private final Map<String, List<?>> distinct = new HashMap<>();
    /** Indeterminate txns some read proved committed. */
    private final Set<Integer> observedInfo = new HashSet<>();

    Inference(History history, String checker, Findings findings, boolean process, boolean realtime) {
        super(history, checker, findings, "append");
        indexAppends();
        for (Txn t : txns) {
            if (t.op().isOk()) TxnChecks.check(t, findings);
        }
        versionOrders();
        for (Txn t : txns) {
            if (!t.op().isInfo()) continue;
            for (MicroOp m : t.mops()) {
                if (m.isAppend() && position.getOrDefault(m.key(), Map.of()).containsKey(m.value())) {
                    observedInfo.add(t.id());
                }
            }
        }
        dirtyUpdates();
        for (Txn t : txns) if (!t.op().isFail()) deps.vertex(t);
        dataEdges();
        if (process) deps.processEdges(txns);
        if (realtime) deps.realtimeEdges(txns);
    }

    private void indexAppends() {
        for (Txn t : txns) {
            for (MicroOp m : t.mops()) {
                if (!m.isAppend()) continue;
                Txn prev = appender.computeIfAbsent(m.key(), k -> new HashMap<>()).putIfAbsent(m.value(), t);
                if (prev != null && prev != t) {
                    throw UnsuitableHistoryException.at(checker, history, t.op(), "element " + m.value()
                            + " is appended to " + m.key() + " again (first by op " + prev.op().invokeIndex()
                            + "); list-append needs every appended element unique per key to infer dependencies");
                }
            }
        }
    }

    private void versionOrders() {
        // every read of an ok txn; the longest per key is the order the others must be prefixes of
        Map<String, List<Object[]>> reads = new HashMap<>();
        for (Txn t : txns) {
            if (!t.op().isOk()) continue;
            for (MicroOp m : t.mops()) {
                if (m.isAppend()) continue;
                // an ok read of an absent key returns null: the empty list
                List<?> read = m.value() == null ? List.of() : (List<?>) m.value();
                reads.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(new Object[] {read, t});
                List<?> cur = order.get(m.key());
                if (cur == null || read.size() > cur.size()) {
                    order.put(m.key(), read);
                    orderReader.put(m.key(), t);
                }
            }
        }
        List<String> keys = new ArrayList<>(order.keySet());
        keys.sort(Comparator.naturalOrder());
        for (String k : keys) {
            List<?> longest = order.get(k);
            Map<Object, Integer> pos = new HashMap<>(longest.size() * 2);
            for (int i = 0; i < longest.size(); i++) pos.putIfAbsent(longest.get(i), i);
            position.put(k, pos);
            // the version order for edges: each element once, where it first appears (as Elle)
            distinct.put(k, new ArrayList<>(new java.util.LinkedHashSet<>(longest)));
            for (Object[] r : reads.get(k)) {
                List<?> l = (List<?>) r[0];
                if (!isPrefix(l, longest)) {
                    Txn t = (Txn) r[1];
                    Txn o = orderReader.get(k);
                    findings.add("incompatible-order", t.describe("T1") + " read " + k + " = " + OpText.value(l)
                            + " and " + o.describe("T2") + " read " + k + " = " + OpText.value(longest)
                            + "; neither is a prefix of the other, so no single order of appends explains both.", t, o);
                }
            }
            Map<Object, Txn> app = appender.getOrDefault(k, Map.of());
            for (Object e : longest) {
                if (!app.containsKey(e)) {
                    findings.add("unexpected-element", orderReader.get(k).describe("T") + " read " + k + " = "
                            + OpText.value(longest) + ", which holds " + e + ", an element no transaction appended.",
                            orderReader.get(k));
                }
            }
        }
        // aborted and intermediate reads, by the last element each read saw
        Map<String, Set<Object>> aborted = new HashMap<>();
        for (Txn t : txns) {
            if (!t.op().isFail()) continue;
            for (MicroOp m : t.mops()) {
                if (m.isAppend()) aborted.computeIfAbsent(m.key(), k -> new HashSet<>()).add(m.value());
            }
        }
        for (Txn t : txns) {
            if (!t.op().isOk()) continue;
            for (MicroOp m : t.mops()) {
                if (m.isAppend() || m.value() == null) continue;
                List<?> l = (List<?>) m.value();
                Map<Object, Txn> app = appender.getOrDefault(m.key(), Map.of());
                Set<Object> abortedHere = aborted.getOrDefault(m.key(), Set.of());
                for (int ei = 0; ei < l.size() && !abortedHere.isEmpty(); ei++) {
                    Object e = l.get(ei);
                    Txn w = abortedHere.contains(e) ? app.get(e) : null;
                    if (w != null && w.op().isFail() && w != t) {
                        findings.add("G1a", t.describe("T1") + " read " + m.key() + " = " + OpText.value(l)
                                + ", which holds " + e + ", appended by the aborted " + w.describe("T2")
                                + ": a read of a write that never committed.", t, w);
                        break;
                    }
                }
                if (l.isEmpty()) continue;
                Object last = l.get(l.size() - 1);
                Txn w = app.get(last);
                if (w != null && w != t && !w.op().isFail() && !isFinalAppend(w, m.key(), last)) {
                    findings.add("G1b", t.describe("T1") + " read " + m.key() + " = " + OpText.value(l) + ", ending in "
                            + last + ", but " + w.describe("T2") + " appended more to " + m.key()
                            + " after " + last + ": a read of an intermediate state of another transaction.", t, w);
                }
            }
        }
        lostUpdates();
    }

    private void lostUpdates() {
        // two committed txns that read the same state of a key and both appended to it
        Map<String, Map<Integer, Txn>> byVersion = new HashMap<>();
        for (Txn t : txns) {
            if (!t.op().isOk()) continue;
            Map<String, List<?>> ext = TxnChecks.externalReads(t);
            for (Map.Entry<String, List<?>> e : ext.entrySet()) {
                boolean appends = t.mops().stream().anyMatch(m -> m.isAppend() && m.key().equals(e.getKey()));
                if (!appends || !isPrefix(e.getValue(), order.getOrDefault(e.getKey(), List.of()))) continue;
                Map<Integer, Txn> v = byVersion.computeIfAbsent(e.getKey(), k -> new HashMap<>());
                Txn first = v.putIfAbsent(e.getValue().size(), t);
                if (first != null) {
                    findings.add("lost-update", first.describe("T1") + " and " + t.describe("T2") + " both read "
                            + e.getKey() + " = " + OpText.value(e.getValue()) + " and both appended to it;"
                            + " whichever committed second should have seen the other's append: one update was lost.",
                            first, t);
                }
            }
        }
    }

    private static boolean isFinalAppend(Txn w, String key, Object element) {
        Object last = null;
        for (MicroOp m : w.mops()) if (m.isAppend() && m.key().equals(key)) last = m.value();
        return element.equals(last);
    }

    private static boolean isPrefix(List<?> a, List<?> b) {
        if (a.size() > b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!a.get(i).equals(b.get(i))) return false;
        return true;
    }


    private void edge(Txn from, Txn to, Rel rel, Object key, Object element, Object other) {
        deps.edge(from, to, rel, key, element, other);
    }

    private void dataEdges() {
        Map<String, List<Txn>> fullReaders = new HashMap<>();
        for (Map.Entry<String, List<?>> en : distinct.entrySet()) {
            String k = en.getKey();
            List<?> o = en.getValue();
            Map<Object, Txn> app = appender.getOrDefault(k, Map.of());
            for (int i = 1; i < o.size(); i++) {
                Txn a = app.get(o.get(i - 1));
                Txn b = app.get(o.get(i));
                if (a != null && b != null) edge(a, b, Rel.WW, k, o.get(i - 1), o.get(i));
            }
        }
        for (Txn t : txns) {
            if (!t.op().isOk()) continue;
            for (Map.Entry<String, List<?>> en : TxnChecks.externalReads(t).entrySet()) {
                String k = en.getKey();
                List<?> l = en.getValue();
                List<?> o = distinct.getOrDefault(k, List.of());
                // a read holding an element twice (reported) is no version of the key: it orders nothing
                if (!isPrefix(l, o) || new HashSet<>(l).size() != l.size()) continue;
                Map<Object, Txn> app = appender.getOrDefault(k, Map.of());
                if (!l.isEmpty()) {
                    Txn w = app.get(l.get(l.size() - 1));
                    // as Elle: an intermediate read (G1b) still read from its writer, and missed the writer's
                    // later append, so it closes a G-single-item cycle with it
                    if (w != null) edge(w, t, Rel.WR, k, l.get(l.size() - 1), null);
                }
                if (l.size() < o.size()) {
                    Txn w = app.get(o.get(l.size()));
                    if (w != null) edge(t, w, Rel.RW, k, o.get(l.size()), l.isEmpty() ? null : l.get(l.size() - 1));
                } else {
                    fullReaders.computeIfAbsent(k, x -> new ArrayList<>()).add(t);
                }
            }
        }
        unobservedEdges(fullReaders);
    }

    /**
     * Edges to committed appends that no read returned (Elle's rule for an append it never saw:
     * it came after the highest observed element).
     *
     * <p>Why this is sound. Take a key k, L its longest read (every other read of k is a prefix of
     * L, else incompatible-order was reported), and a transaction T that committed an append of e
     * to k with e not in L. Let S be any serial order of the committed transactions (plus any
     * subset of the indeterminate ones) that explains every read; under S the value of k that a
     * transaction sees is the concatenation, in S order, of the appends to k before it, and an
     * append once made stays (lists only grow). (1) A transaction R (R != T) that externally read
     * L saw no e, so T was not before R: R precedes T in S, an anti-dependency R -rw-> T. (2) L
     * was read by some committed transaction R_L, which by (1) precedes T (or is T itself, having
     * read L before appending e); the writer W of L's last element precedes R_L, since R_L saw
     * W's element (or W = R_L). So W precedes T: the edge W -ww-> T holds in every such S. Both
     * edges therefore hold in every serial order that explains the history; a cycle through them
     * is a real contradiction. Readers of shorter prefixes need no edge of their own: they reach
     * T through their rw edge to the next observed element's writer and the ww chain of L.
     *
     * <p>Completeness on its side: with these edges every constraint a serial order of list
     * appends must meet (a reader of prefix P follows P's writers and precedes every other
     * append) is an edge or a path, so an acyclic graph always has a topological order that
     * explains the reads; the property test {@code ListAppendBruteForceTest} checks both
     * directions against an exhaustive search on small histories. Indeterminate transactions
     * count as committed only when some read saw one of their appends (then they happened);
     * otherwise leaving them out of S is always possible and adds no constraint.
     */
    private void unobservedEdges(Map<String, List<Txn>> fullReaders) {
        for (Map.Entry<String, Map<Object, Txn>> en : appender.entrySet()) {
            String k = en.getKey();
            List<?> o = distinct.get(k);
            if (o == null) continue; // never read: nothing orders its appends
            Map<Object, Integer> pos = position.get(k);
            Txn last = o.isEmpty() ? null : en.getValue().get(o.get(o.size() - 1));
            List<Txn> readers = fullReaders.getOrDefault(k, List.of());
            for (Map.Entry<Object, Txn> a : en.getValue().entrySet()) {
                Txn t = a.getValue();
                if (pos.containsKey(a.getKey()) || !committed(t)) continue;
                if (last != null) edge(last, t, Rel.WW, k, o.get(o.size() - 1), a.getKey());
                for (Txn r : readers) {
                    edge(r, t, Rel.RW, k, a.getKey(), o.isEmpty() ? null : o.get(o.size() - 1));
                }
            }
        }
    }

    /** Ok, or indeterminate with an append some read returned: it took effect. */
    private boolean committed(Txn t) {
        return t.op().isOk() || (t.op().isInfo() && observedInfo.contains(t.id()));
    }

    /**
     * Dirty updates (Elle): in some key's version order, an append of a transaction that failed
     * is followed by one of a transaction that committed, so the committed one built on state
     * that was never committed.
     */
    private void dirtyUpdates() {
        List<String> keys = new ArrayList<>(order.keySet());
        keys.sort(Comparator.naturalOrder());
        for (String k : keys) {
            List<?> o = order.get(k);
            Map<Object, Txn> app = appender.getOrDefault(k, Map.of());
            Txn failed = null;
            Object failedElement = null;
            for (Object e : o) {
                Txn w = app.get(e);
                if (w == null) continue;
                if (w.op().isFail() && failed == null) {
                    failed = w;
                    failedElement = e;
                } else if (w.op().isOk() && failed != null) {
                    findings.add("dirty-update", orderReader.get(k).describe("T3") + " read " + k + " = "
                            + OpText.value(o) + ": " + w.describe("T2") + " appended " + e + " after "
                            + failed.describe("T1") + " appended " + failedElement + ", but T1 failed: a committed"
                            + " write built on a state that was never committed.", failed, w);
                    break;
                }
            }
        }
    }

}
