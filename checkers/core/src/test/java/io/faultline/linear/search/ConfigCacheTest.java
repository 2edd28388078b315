package io.faultline.linear.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConfigCacheTest {

    @Test
    void wideWindowsSpanManyPagesAndAreFoundAgain() {
        // 200,000 words per window: at most a few records per page, so 40 of them use many pages.
        int words = 200_000;
        MemoryBudget budget = new MemoryBudget(1L << 30);
        ConfigCache cache = new ConfigCache(budget, 0);
        SplittableRandom rnd = new SplittableRandom(1);
        long[][] sets = new long[40][];
        for (int i = 0; i < sets.length; i++) {
            sets[i] = new long[words];
            sets[i][rnd.nextInt(words)] = 1L << rnd.nextInt(64);
            sets[i][words - 1] = i;    // distinct, including in the last word
            // colliding hashes force full comparisons
            assertTrue(cache.add(i % 3, 7, 5, 0, sets[i], words), "entry " + i + " is new");
        }
        for (int i = 0; i < sets.length; i++) {
            assertFalse(cache.add(i % 3, 7, 5, 0, sets[i], words), "entry " + i + " is remembered");
            assertTrue(cache.add(i % 3, 8, 5, 0, sets[i], words), "entry " + i + " in another state is new");
        }
        assertEquals(80, cache.size());
        assertTrue(budget.peak() > 80L * words * 8, "pages were reserved from the budget");
        cache.close();
        assertTrue(budget.tryReserve(budget.limit()), "closing returned every byte");
    }

    @Test
    void frontierOpenSetAndLengthAreAllPartOfTheKey() {
        ConfigCache cache = new ConfigCache(new MemoryBudget(64L << 20), 0);
        long[] w = {0b101, 0};
        assertTrue(cache.add(9, 1, 4, 0, w, 1));
        assertFalse(cache.add(9, 1, 4, 0, w, 1));
        assertTrue(cache.add(9, 1, 5, 0, w, 1));
        assertTrue(cache.add(9, 1, 4, 1, w, 1));
        assertTrue(cache.add(9, 1, 4, 0, w, 2));
        assertEquals(4, cache.size());
    }

    @Test
    void aRefusedPageMakesTheCacheFullInsteadOfGrowing() {
        MemoryBudget budget = new MemoryBudget(1000);   // room for the first table, not for a page
        ConfigCache cache = new ConfigCache(budget, 0);
        assertFalse(cache.full());
        assertTrue(cache.add(1, 0, 0, 0, new long[] {1}, 1));
        assertTrue(cache.full());
        assertEquals(0, cache.size());
        assertTrue(budget.peak() <= budget.limit());
    }
}
