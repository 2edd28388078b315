package io.faultline.linear.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConfigCacheTest {

    @Test
    void wideBitsetsSpanManyPagesAndAreFoundAgain() {
        // 200,000 words per entry: a few entries per 8 MiB page, so 40 entries use many pages.
        int words = 200_000;
        MemoryBudget budget = new MemoryBudget(1L << 30);
        ConfigCache cache = new ConfigCache(words, budget);
        SplittableRandom rnd = new SplittableRandom(1);
        long[][] sets = new long[40][];
        long[] hashes = new long[40];
        for (int i = 0; i < sets.length; i++) {
            sets[i] = new long[words];
            sets[i][rnd.nextInt(words)] = 1L << rnd.nextInt(64);
            sets[i][words - 1] = i;    // distinct, including in the last word
            hashes[i] = i % 3;         // colliding hashes force full comparisons
            assertTrue(cache.add(sets[i], hashes[i], 7), "entry " + i + " is new");
        }
        for (int i = 0; i < sets.length; i++) {
            assertFalse(cache.add(sets[i], hashes[i], 7), "entry " + i + " is remembered");
            assertTrue(cache.add(sets[i], hashes[i], 8), "entry " + i + " in another state is new");
        }
        assertEquals(80, cache.size());
        assertTrue(budget.peak() > 80L * words * 8, "pages were reserved from the budget");
        cache.close();
        assertTrue(budget.tryReserve(budget.limit()), "closing returned every byte");
    }

    @Test
    void aRefusedPageMakesTheCacheFullInsteadOfGrowing() {
        MemoryBudget budget = new MemoryBudget(64 << 10);   // room for the table, not for a page
        ConfigCache cache = new ConfigCache(4, budget);
        assertFalse(cache.full());
        assertTrue(cache.add(new long[] {1, 0, 0, 0}, 1, 0));
        assertTrue(cache.full());
        assertEquals(0, cache.size());
        assertTrue(budget.peak() <= budget.limit());
    }
}
