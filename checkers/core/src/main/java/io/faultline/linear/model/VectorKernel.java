package io.faultline.linear.model;

import io.faultline.linear.Kernel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of kernels whose state is a vector of value ids, one slot per key (kv, multi-register).
 * States are interned to ints and transitions memoized, so each (state, op) pair is computed
 * once however often the search revisits it.
 */
abstract class VectorKernel implements Kernel {
    protected final ValueTable values;
    protected final List<Object> slotKeys;
    private final Map<Vec, Integer> stateIds = new HashMap<>();
    private final List<int[]> states = new ArrayList<>();
    private final LongIntMap memo = new LongIntMap();
    private int[] singleSlotIds = new int[16];   // one-slot vectors: value id -> state id + 1
    private final int initial;

    private record Vec(int[] v) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Vec other && Arrays.equals(v, other.v);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(v);
        }
    }

    protected VectorKernel(ValueTable values, List<Object> slotKeys, int[] initialVector) {
        this.values = values;
        this.slotKeys = slotKeys;
        this.initial = intern(initialVector);
    }

    private int intern(int[] vec) {
        if (vec.length == 1) {
            // Partitioned kv: one slot per kernel, so an array indexed by value id beats hashing.
            int v = vec[0];
            if (v >= singleSlotIds.length) singleSlotIds = Arrays.copyOf(singleSlotIds, Math.max(v + 1, singleSlotIds.length * 2));
            if (singleSlotIds[v] == 0) {
                states.add(vec);
                singleSlotIds[v] = states.size();
            }
            return singleSlotIds[v] - 1;
        }
        Vec key = new Vec(vec);
        Integer id = stateIds.get(key);
        if (id == null) {
            id = states.size();
            stateIds.put(key, id);
            states.add(vec);
        }
        return id;
    }

    @Override
    public final int initialState() {
        return initial;
    }

    @Override
    public final int step(int state, int op) {
        long k = ((long) state << 32) | (op & 0xFFFFFFFFL);
        int r = memo.get(k);
        if (r != LongIntMap.MISSING) return r;
        int[] vec = states.get(state).clone();
        r = apply(vec, op) ? intern(vec) : ILLEGAL;
        memo.put(k, r);
        return r;
    }

    /** Applies op to vec in place; false when op cannot take effect in that state. */
    protected abstract boolean apply(int[] vec, int op);

    /** Why op cannot take effect in vec. */
    protected abstract String whyNot(int[] vec, int op);

    protected int[] vector(int state) {
        return states.get(state);
    }

    @Override
    public final String whyNot(int state, int op) {
        return whyNot(states.get(state), op);
    }

    @Override
    public String describeState(int state) {
        int[] v = states.get(state);
        if (v.length == 1) return values.describe(v[0]);
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < v.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(slotKeys.get(i)).append('=').append(values.describe(v[i]));
        }
        return sb.append('}').toString();
    }
}
