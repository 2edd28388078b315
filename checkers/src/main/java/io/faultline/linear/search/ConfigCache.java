package io.faultline.linear.search;

import java.util.Arrays;

/**
 * The set of configurations (linearized-op bitset, model state) the search has already
 * explored, as in Lowe's refinement of Wing-Gong. Bitsets are stored flat in one long[] arena;
 * the caller supplies a Zobrist hash of the bitset (updated in O(1) per op), so inserting costs
 * one probe plus, on a hash hit, one array comparison.
 */
final class ConfigCache {
    private final int words;
    private final long maxEntries;
    private long[] arena;
    private long[] hashes;
    private int[] states;
    private int[] table;     // entry + 1, 0 = empty
    private int mask;
    private int size;

    ConfigCache(int words, long maxBytes, int expected) {
        this.words = words;
        this.maxEntries = Math.max(1024, maxBytes / (8L * words + 8 + 4 + 8));
        int cap = Integer.highestOneBit(Math.max(256, Math.min(1 << 15, expected)));
        arena = new long[cap * words];
        hashes = new long[cap];
        states = new int[cap];
        table = new int[cap * 2];
        mask = table.length - 1;
    }

    int size() {
        return size;
    }

    /** True when another entry would exceed the memory budget. */
    boolean full() {
        return size >= maxEntries;
    }

    /** Adds the configuration; false if it was already present. */
    boolean add(long[] bits, long bitsHash, int state) {
        long h = mix(bitsHash ^ (state * 0xC2B2AE3D27D4EB4FL));
        int i = (int) h & mask;
        while (true) {
            int e = table[i];
            if (e == 0) break;
            e--;
            if (hashes[e] == h && states[e] == state && Arrays.equals(arena, e * words, e * words + words, bits, 0, words)) {
                return false;
            }
            i = (i + 1) & mask;
        }
        if (size == hashes.length) growEntries();
        int e = size++;
        hashes[e] = h;
        states[e] = state;
        System.arraycopy(bits, 0, arena, e * words, words);
        table[i] = e + 1;
        if (size * 2 > table.length) growTable();
        return true;
    }

    private void growEntries() {
        int cap = hashes.length * 2;
        if ((long) cap * words > Integer.MAX_VALUE - 16) {
            cap = (int) ((Integer.MAX_VALUE - 16) / words);
            if (cap <= hashes.length) throw new OutOfMemoryError("configuration cache exceeds one array");
        }
        arena = Arrays.copyOf(arena, cap * words);
        hashes = Arrays.copyOf(hashes, cap);
        states = Arrays.copyOf(states, cap);
    }

    private void growTable() {
        table = new int[table.length * 2];
        mask = table.length - 1;
        for (int e = 0; e < size; e++) {
            int i = (int) hashes[e] & mask;
            while (table[i] != 0) i = (i + 1) & mask;
            table[i] = e + 1;
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
