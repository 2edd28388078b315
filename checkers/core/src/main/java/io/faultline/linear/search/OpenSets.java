package io.faultline.linear.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Interns sets of linearized unknown-outcome ops, so a configuration names its set by a small
 * id instead of carrying it. The set changes only when such an op is placed or taken back, far
 * less often than the search steps, and the search restores the id from its stack when it
 * backtracks, so a lookup here costs O(set size) only on those placements.
 */
final class OpenSets {
    private final int[] openOps;             // every unknown-outcome op, ascending
    private final MemoryBudget budget;
    private final List<int[]> sets = new ArrayList<>();
    private long[] hashes = new long[64];
    private int[] table = new int[128];      // id + 1, 0 = empty
    private long held;

    OpenSets(int[] openOps, MemoryBudget budget) {
        this.openOps = openOps;
        this.budget = budget;
        sets.add(new int[0]);                // id 0: nothing placed
        hashes[0] = 0;
        table[0] = 1;
    }

    /**
     * The id of the set of ops {@code o} in {@code openOps} whose bit is set, given its Zobrist
     * hash and size; -1 when a new set does not fit the budget.
     */
    int intern(long hash, int size, long[] bits) {
        int mask = table.length - 1;
        int i = (int) mix(hash) & mask;
        while (table[i] != 0) {
            int id = table[i] - 1;
            if (hashes[id] == hash && matches(sets.get(id), size, bits)) return id;
            i = (i + 1) & mask;
        }
        long bytes = 16 + 4L * size + 48;
        if (!budget.tryReserve(bytes)) return -1;
        held += bytes;
        int[] set = new int[size];
        int n = 0;
        for (int o : openOps) if ((bits[o >>> 6] & (1L << o)) != 0) set[n++] = o;
        int id = sets.size();
        sets.add(set);
        if (id == hashes.length) hashes = Arrays.copyOf(hashes, id * 2);
        hashes[id] = hash;
        table[i] = id + 1;
        if (sets.size() * 2 > table.length) rehash();
        return id;
    }

    private static boolean matches(int[] set, int size, long[] bits) {
        if (set.length != size) return false;
        for (int o : set) if ((bits[o >>> 6] & (1L << o)) == 0) return false;
        return true;
    }

    private void rehash() {
        table = new int[table.length * 2];
        int mask = table.length - 1;
        for (int id = 0; id < sets.size(); id++) {
            int i = (int) mix(hashes[id]) & mask;
            while (table[i] != 0) i = (i + 1) & mask;
            table[i] = id + 1;
        }
    }

    void close() {
        budget.release(held);
        held = 0;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 31)) * 0x9E3779B97F4A7C15L;
        return z ^ (z >>> 29);
    }
}
