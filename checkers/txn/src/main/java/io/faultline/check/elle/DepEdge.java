package io.faultline.check.elle;

/**
 * One edge of the dependency graph: every relation that orders its source before its target,
 * with the key and element that justify each (for the explanation). Most edges carry one
 * relation, so the facts are kept in one small array of (relation, key, element, other)
 * quadruples rather than a slot per relation: a large history has millions of edges.
 */
public final class DepEdge {
    private int bits;
    private Object[] facts = new Object[4];

    void add(Rel rel, Object key, Object element, Object other) {
        if ((bits & rel.bit()) != 0) return;
        int at = Integer.bitCount(bits) * 4;
        bits |= rel.bit();
        if (at == facts.length) facts = java.util.Arrays.copyOf(facts, at + 4);
        facts[at] = rel;
        facts[at + 1] = key;
        facts[at + 2] = element;
        facts[at + 3] = other;
    }

    public int bits() {
        return bits;
    }

    public boolean has(Rel rel) {
        return (bits & rel.bit()) != 0;
    }

    /** The strongest relation of this edge within {@code mask}: ww, then wr, rw, process, realtime. */
    public Rel pick(int mask) {
        for (Rel r : Rel.values()) if ((bits & mask & r.bit()) != 0) return r;
        throw new IllegalStateException("edge has no relation in mask " + mask);
    }

    private Object fact(Rel r, int field) {
        for (int i = 0; i < facts.length; i += 4) if (facts[i] == r) return facts[i + field];
        return null;
    }

    Object key(Rel r) {
        return fact(r, 1);
    }

    Object element(Rel r) {
        return fact(r, 2);
    }

    Object other(Rel r) {
        return fact(r, 3);
    }
}
