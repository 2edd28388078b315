package io.faultline.linear.model;

import java.util.Arrays;

/** Open-addressing map from long to int without boxing; memoizes kernel transitions. */
final class LongIntMap {
    static final int MISSING = Integer.MIN_VALUE;
    private static final long EMPTY = Long.MIN_VALUE;

    private long[] keys;
    private int[] vals;
    private int size;
    private int mask;

    LongIntMap() {
        // small to start: a partition of a few ops must not pay for a big table it never fills
        keys = new long[64];
        vals = new int[64];
        Arrays.fill(keys, EMPTY);
        mask = keys.length - 1;
    }

    int get(long key) {
        int i = slot(key);
        while (true) {
            long k = keys[i];
            if (k == key) return vals[i];
            if (k == EMPTY) return MISSING;
            i = (i + 1) & mask;
        }
    }

    void put(long key, int val) {
        if (size * 2 >= keys.length) grow();
        int i = slot(key);
        while (keys[i] != EMPTY && keys[i] != key) i = (i + 1) & mask;
        if (keys[i] == EMPTY) size++;
        keys[i] = key;
        vals[i] = val;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] ok = keys;
        int[] ov = vals;
        keys = new long[ok.length * 2];
        vals = new int[ok.length * 2];
        Arrays.fill(keys, EMPTY);
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < ok.length; i++) {
            if (ok[i] != EMPTY) put(ok[i], ov[i]);
        }
    }
}
