package io.faultline.generator;

import java.util.Arrays;

/**
 * Jepsen's independent keys as a value: a fixed number of active keys, each retired for a fresh
 * one after {@code opsPerKey} operations, so every key's history stays short enough to check and
 * the run as a whole can be long. Immutable: {@link #used} returns the pool after one more op on a
 * slot, sharing the arrays when nothing was retired.
 *
 * @param keys   the active key ids, one per slot
 * @param counts operations so far on each slot's key
 * @param next   the id the next retired slot gets
 */
public record KeyPool(int[] keys, int[] counts, int next, int opsPerKey) {

    public static KeyPool of(int activeKeys, int opsPerKey) {
        int[] keys = new int[activeKeys];
        for (int i = 0; i < activeKeys; i++) keys[i] = i;
        return new KeyPool(keys, new int[activeKeys], activeKeys, opsPerKey);
    }

    public int size() {
        return keys.length;
    }

    /** The id of the key in {@code slot}. */
    public int key(int slot) {
        return keys[slot];
    }

    /** The pool after one more operation on {@code slot}: its key retires once it has had opsPerKey. */
    public KeyPool used(int slot) {
        int[] c = Arrays.copyOf(counts, counts.length);
        if (++c[slot] < opsPerKey) return new KeyPool(keys, c, next, opsPerKey);
        int[] k = Arrays.copyOf(keys, keys.length);
        k[slot] = next;
        c[slot] = 0;
        return new KeyPool(k, c, next + 1, opsPerKey);
    }
}
