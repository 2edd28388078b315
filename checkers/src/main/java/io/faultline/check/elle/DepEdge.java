package io.faultline.check.elle;

/**
 * One edge of the dependency graph: every relation that orders its source before its target,
 * with the key and element that justify each (for the explanation).
 */
public final class DepEdge {
    private int bits;
    private final Object[] keys = new Object[Rel.values().length];
    private final Object[] elements = new Object[Rel.values().length];
    private final Object[] extra = new Object[Rel.values().length];

    void add(Rel rel, Object key, Object element, Object other) {
        if ((bits & rel.bit()) != 0) return;
        bits |= rel.bit();
        keys[rel.ordinal()] = key;
        elements[rel.ordinal()] = element;
        extra[rel.ordinal()] = other;
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

    Object key(Rel r) {
        return keys[r.ordinal()];
    }

    Object element(Rel r) {
        return elements[r.ordinal()];
    }

    Object other(Rel r) {
        return extra[r.ordinal()];
    }
}
