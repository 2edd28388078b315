package io.faultline.check.elle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jgrapht.Graph;

/**
 * Shortest cycles inside one strongly connected component, by breadth-first search from the
 * target of a chosen edge back to its source over the edges a cycle type allows. Every search
 * draws on a shared budget of visited edges; when it runs out the component's result is
 * incomplete (reported unknown if no cycle was found at all).
 */
final class CycleSearch {
    /** A cycle as its edges in order; {@code vertices.get(i)} is the source of {@code edges.get(i)}. */
    record Cycle(List<Integer> vertices, List<DepEdge> edges, List<Rel> rels) {
        int count(Rel r) {
            int n = 0;
            for (Rel x : rels) if (x == r) n++;
            return n;
        }
    }

    private final Graph<Integer, DepEdge> graph;
    private final int[] component;   // vertex -> component number
    private final int[] seen;        // vertex -> search stamp
    private final int[] parent;      // vertex -> predecessor on the BFS tree
    private final DepEdge[] via;     // vertex -> edge from predecessor
    private int[] seen2;        // (vertex, last edge rw) -> search stamp, for the nonadjacent search
    private int[] parent2;
    private DepEdge[] via2;
    private Rel[] viaRel2;
    private int stamp;
    private long budget;

    CycleSearch(Graph<Integer, DepEdge> graph, int vertexCount, long budget) {
        this.graph = graph;
        this.component = new int[vertexCount];
        Arrays.fill(component, -1);
        this.seen = new int[vertexCount];
        this.parent = new int[vertexCount];
        this.via = new DepEdge[vertexCount];
        this.budget = budget;
    }

    void assign(Set<Integer> vertices, int c) {
        for (int v : vertices) component[v] = c;
    }

    boolean exhausted() {
        return budget <= 0;
    }

    void refill(long amount) {
        budget = amount;
    }

    /**
     * The shortest cycle that uses {@code first} (from u to v) and then only edges in
     * {@code mask} within the component, or null.
     */
    Cycle closeCycle(int u, int v, DepEdge first, int firstMask, int mask) {
        if (u == v) return null;
        int c = component[u];
        stamp++;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(v);
        seen[v] = stamp;
        parent[v] = -1;
        while (!queue.isEmpty()) {
            if (--budget < 0) return null;
            int x = queue.poll();
            for (DepEdge e : graph.outgoingEdgesOf(x)) {
                if ((e.bits() & mask) == 0) continue;
                int y = graph.getEdgeTarget(e);
                budget--;
                if (component[y] != c || seen[y] == stamp) continue;
                seen[y] = stamp;
                parent[y] = x;
                via[y] = e;
                if (y == u) return build(u, v, first, firstMask, mask);
                queue.add(y);
            }
        }
        return null;
    }

    /**
     * The shortest cycle that starts with the rw edge {@code first} (u to v) and never takes two
     * anti-dependencies in a row (counting the wrap-around to {@code first}): Elle's
     * G-nonadjacent. A breadth-first search over (vertex, did the last edge count as rw); an edge
     * that also carries a non-rw relation in {@code mask} counts as that relation.
     */
    Cycle closeNonadjacent(int u, int v, DepEdge first, int mask) {
        if (u == v) return null;
        int c = component[u];
        int rw = Rel.RW.bit();
        if (seen2 == null) {
            int n = seen.length * 2;
            seen2 = new int[n];
            parent2 = new int[n];
            via2 = new DepEdge[n];
            viaRel2 = new Rel[n];
        }
        stamp++;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int start = v * 2 + 1;
        queue.add(start);
        seen2[start] = stamp;
        parent2[start] = -1;
        while (!queue.isEmpty()) {
            if (--budget < 0) return null;
            int state = queue.poll();
            int x = state >> 1;
            boolean lastRw = (state & 1) == 1;
            for (DepEdge e : graph.outgoingEdgesOf(x)) {
                int bits = e.bits() & mask;
                if (bits == 0) continue;
                boolean onlyRw = (bits & ~rw) == 0;
                if (onlyRw && lastRw) continue;
                int y = graph.getEdgeTarget(e);
                budget--;
                if (component[y] != c) continue;
                if (y == u && onlyRw) continue; // would sit next to the first rw edge
                int next = y * 2 + (onlyRw ? 1 : 0);
                if (seen2[next] == stamp) continue;
                seen2[next] = stamp;
                parent2[next] = state;
                via2[next] = e;
                viaRel2[next] = onlyRw ? Rel.RW : e.pick(mask & ~rw);
                if (y == u) {
                    List<Integer> vertices = new ArrayList<>();
                    List<DepEdge> edges = new ArrayList<>();
                    List<Rel> rels = new ArrayList<>();
                    for (int st = next; parent2[st] != -1; st = parent2[st]) {
                        vertices.add(parent2[st] >> 1);
                        edges.add(via2[st]);
                        rels.add(viaRel2[st]);
                    }
                    vertices.add(u);
                    edges.add(first);
                    rels.add(Rel.RW);
                    java.util.Collections.reverse(vertices);
                    java.util.Collections.reverse(edges);
                    java.util.Collections.reverse(rels);
                    return new Cycle(vertices, edges, rels);
                }
                queue.add(next);
            }
        }
        return null;
    }

    private Cycle build(int u, int v, DepEdge first, int firstMask, int mask) {
        ArrayList<Integer> vs = new ArrayList<>();
        ArrayList<DepEdge> es = new ArrayList<>();
        int x = u;
        while (x != v) {
            vs.add(parent[x]);
            es.add(via[x]);
            x = parent[x];
        }
        // reversed path v .. u, then the closing edge u -> v
        java.util.Collections.reverse(vs);
        java.util.Collections.reverse(es);
        List<Integer> vertices = new ArrayList<>();
        List<DepEdge> edges = new ArrayList<>();
        vertices.add(u);
        edges.add(first);
        vertices.addAll(vs);
        edges.addAll(es);
        List<Rel> rels = new ArrayList<>(edges.size());
        rels.add(first.pick(firstMask));
        for (int i = 1; i < edges.size(); i++) rels.add(edges.get(i).pick(mask));
        return new Cycle(vertices, edges, rels);
    }
}
