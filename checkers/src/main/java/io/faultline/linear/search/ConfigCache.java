package io.faultline.linear.search;

/**
 * The set of configurations (linearized-op bitset, model state) the search has already
 * explored, as in Lowe's refinement of Wing-Gong. The caller supplies a Zobrist hash of the
 * bitset (updated in O(1) per op), so inserting costs one probe plus, on a hash hit, one
 * comparison of the bitsets.
 *
 * <p>Entries ({@code hash, state, bits...}) live in fixed pages of at most {@link #PAGE_LONGS}
 * longs, allocated one at a time and never copied: memory grows in small steps that are each
 * reserved from the {@link MemoryBudget}, and no index into any array comes near 2^28. The
 * latter matters: one flat arena of 2^28 longs or more crashed the JVM (SIGSEGV in the
 * {@code vectorizedMismatch} stub) because JDK 25's {@code ArraysSupport.mismatch(long[], int,
 * long[], int, int)}, behind {@code Arrays.equals(long[], int, int, long[], int, int)}, computes
 * the byte offset as {@code aFromIndex << 3} in int arithmetic, which overflows from index 2^28
 * on. The comparison here is a plain loop over page-local indexes, and pages keep those small.
 */
final class ConfigCache {
    /** 8 MiB per page: small steps against the budget, indexes far below 2^28. */
    static final int PAGE_LONGS = 1 << 20;
    private static final int MAX_TABLE = 1 << 30;

    private final int words;
    private final int stride;       // longs per entry: hash, state, bits
    private final int perPage;      // entries per page
    private final MemoryBudget budget;
    private long[][] pages = new long[16][];
    private int pageCount;
    private int[] table;            // entry + 1, 0 = empty
    private int mask;
    private int size;
    private long held;              // bytes reserved by this cache
    private boolean full;

    /** Starts empty; {@link #full()} is true at once when even the first table is refused. */
    ConfigCache(int words, MemoryBudget budget) {
        this.words = words;
        this.stride = words + 2;
        this.perPage = Math.max(1, PAGE_LONGS / stride);
        this.budget = budget;
        int cap = 1 << 10;
        if (reserve(MemoryBudget.arrayBytes(cap, 4))) {
            table = new int[cap];
        } else {
            table = new int[16];
            full = true;
        }
        mask = table.length - 1;
    }

    int size() {
        return size;
    }

    /** True when the budget refused memory for another page or a bigger table. */
    boolean full() {
        return full;
    }

    /** Returns every reserved byte to the budget; the cache is unusable afterwards. */
    void close() {
        budget.release(held);
        held = 0;
        pages = null;
        table = null;
    }

    /**
     * Adds the configuration; false if it was already present, or if it is new but the budget
     * refused room for it (then {@link #full()} turns true and the search stops soon after).
     */
    boolean add(long[] bits, long bitsHash, int state) {
        long h = mix(bitsHash ^ (state * 0xC2B2AE3D27D4EB4FL));
        int i = (int) h & mask;
        while (true) {
            int e = table[i];
            if (e == 0) break;
            e--;
            long[] page = pages[e / perPage];
            int at = (e % perPage) * stride;
            if (page[at] == h && page[at + 1] == state && same(page, at + 2, bits)) return false;
            i = (i + 1) & mask;
        }
        if (full) return true;
        int pageNo = size / perPage;
        if (pageNo == pageCount && !addPage()) return true;
        long[] page = pages[pageNo];
        int at = (size % perPage) * stride;
        page[at] = h;
        page[at + 1] = state;
        System.arraycopy(bits, 0, page, at + 2, words);
        table[i] = ++size;
        if (size * 2L > table.length) growTable();
        return true;
    }

    private boolean same(long[] page, int from, long[] bits) {
        for (int w = 0; w < words; w++) {
            if (page[from + w] != bits[w]) return false;
        }
        return true;
    }

    private boolean addPage() {
        if (!reserve(MemoryBudget.arrayBytes((long) perPage * stride, 8))) {
            full = true;
            return false;
        }
        if (pageCount == pages.length) pages = java.util.Arrays.copyOf(pages, pageCount * 2);
        pages[pageCount++] = new long[perPage * stride];
        return true;
    }

    private void growTable() {
        if (table.length >= MAX_TABLE || !reserve(MemoryBudget.arrayBytes(table.length * 2L, 4))) {
            // Stay at this size: the table is at most half full, so probing still terminates;
            // refuse further entries from now on.
            full = true;
            return;
        }
        int[] old = table;
        table = new int[old.length * 2];
        mask = table.length - 1;
        for (int e = 0; e < size; e++) {
            long[] page = pages[e / perPage];
            int i = (int) page[(e % perPage) * stride] & mask;
            while (table[i] != 0) i = (i + 1) & mask;
            table[i] = e + 1;
        }
        budget.release(MemoryBudget.arrayBytes(old.length, 4));
        held -= MemoryBudget.arrayBytes(old.length, 4);
    }

    private boolean reserve(long bytes) {
        if (!budget.tryReserve(bytes)) return false;
        held += bytes;
        return true;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
