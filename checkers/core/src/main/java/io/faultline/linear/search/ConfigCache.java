package io.faultline.linear.search;

/**
 * The set of configurations (linearized ops, model state) the search has already explored, as
 * in Lowe's refinement of Wing-Gong, stored compactly.
 *
 * <p>A configuration is not stored as a bitset over all m ops (125 KiB each at a million ops)
 * but as {@code (state, f, open set, window)}: {@code f} is the first op with a known completion
 * not yet linearized; every such op before {@code f} is linearized; the window holds the bits of
 * ops {@code f .. reach(f)-1}, where {@code reach(f)} is the first op invoked after {@code f}
 * returned; the open set (an id from {@link OpenSets}) names the linearized unknown-outcome ops.
 * This determines the bitset exactly: no op at or beyond {@code reach(f)} can be linearized while
 * {@code f} is not (the search reached its call, so no unlinearized return came before it, yet
 * {@code f}'s return does), and unknown-outcome ops before {@code f} are in the open set. The
 * search's Zobrist hash of the full bitset serves as the hash.
 *
 * <p>Records ({@code hash, state|f, openSet|words, window...}) live in pages of at most
 * {@link #PAGE_LONGS} longs, allocated one at a time and never copied: memory grows in small
 * steps that are each reserved from the {@link MemoryBudget}, and no array index comes near
 * 2^28. The latter matters: one flat arena of 2^28 longs or more crashed the JVM (SIGSEGV in the
 * {@code vectorizedMismatch} stub) because JDK 25's {@code ArraysSupport.mismatch(long[], int,
 * long[], int, int)}, behind {@code Arrays.equals(long[], int, int, long[], int, int)}, computes
 * the byte offset as {@code aFromIndex << 3} in int arithmetic, which overflows from index 2^28
 * on. Comparisons here are plain loops over page-local indexes.
 */
final class ConfigCache {
    /** 8 MiB per page at most: small steps against the budget, indexes far below 2^28. */
    static final int PAGE_LONGS = 1 << 20;
    private static final int HEADER = 3;
    private static final int MAX_TABLE = 1 << 30;
    // A table slot holds the high 32 bits of the hash (to refute most probes without touching a
    // page) and the record's address + 1: page number (11 bits) and offset in it (20 bits).
    private static final int OFFSET_BITS = 20;
    private static final int MAX_PAGES = 1 << 11;
    private static final long HIGH = 0xFFFFFFFF00000000L;

    private final MemoryBudget budget;
    private long[][] pages = new long[16][];
    private int pageCount;
    private int used;               // longs used in the last page
    private long[] table;           // hash high bits | (page << 20 | offset) + 1; 0 = empty
    private int mask;
    private int size;
    private long held;              // bytes reserved by this cache
    private boolean full;
    private final int firstPage;    // longs; a search of a few ops allocates a few hundred bytes

    /**
     * Starts empty, with a table sized for about {@code expected} entries (at most 2^16 to
     * start); {@link #full()} is true at once when even the first table is refused.
     */
    ConfigCache(MemoryBudget budget, int expected) {
        this.budget = budget;
        this.firstPage = Math.max(64, Math.min(1 << 12, expected * 4));
        int cap = Integer.highestOneBit(Math.max(64, Math.min(1 << 16, expected)) * 2 - 1);
        if (reserve(MemoryBudget.arrayBytes(cap, 8))) {
            table = new long[cap];
        } else {
            table = new long[16];
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
     * Adds the configuration; false if it was already present, or true if it is new (also when
     * the budget refused room for it: then {@link #full()} turns true and the search stops soon).
     *
     * @param hash   the Zobrist hash of the linearized bitset
     * @param window the first {@code words} longs hold the window's bits
     */
    boolean add(long hash, int state, int f, int openSet, long[] window, int words) {
        long h = mix(hash ^ (state * 0xC2B2AE3D27D4EB4FL));
        long sf = ((long) state << 32) | (f & 0xFFFFFFFFL);
        long ow = ((long) openSet << 32) | words;
        int i = (int) h & mask;
        long high = h & HIGH;
        while (true) {
            long t = table[i];
            if (t == 0) break;
            if ((t & HIGH) == high) {
                int a = (int) (t - 1);
                long[] page = pages[a >>> OFFSET_BITS];
                int at = a & ((1 << OFFSET_BITS) - 1);
                if (page[at] == h && page[at + 1] == sf && page[at + 2] == ow
                        && same(page, at + HEADER, window, words)) {
                    return false;
                }
            }
            i = (i + 1) & mask;
        }
        if (full) return true;
        int need = HEADER + words;
        if ((pageCount == 0 || used + need > pages[pageCount - 1].length) && !addPage(need)) return true;
        long[] page = pages[pageCount - 1];
        int at = used;
        page[at] = h;
        page[at + 1] = sf;
        page[at + 2] = ow;
        for (int w = 0; w < words; w++) page[at + HEADER + w] = window[w];
        used += need;
        table[i] = high | ((((long) (pageCount - 1) << OFFSET_BITS) | at) + 1);
        size++;
        if (size * 2L > table.length) growTable();
        return true;
    }

    private static boolean same(long[] page, int from, long[] window, int words) {
        for (int w = 0; w < words; w++) {
            if (page[from + w] != window[w]) return false;
        }
        return true;
    }

    // Pages start small (sized from the op count) and double up to PAGE_LONGS.
    private boolean addPage(int need) {
        int longs = Math.max(pageCount == 0 ? firstPage : Math.min(PAGE_LONGS, pages[pageCount - 1].length * 2), need);
        // A record bigger than a page gets a page of its own, at offset 0, so offsets stay in 20 bits.
        if (pageCount == MAX_PAGES || !reserve(MemoryBudget.arrayBytes(longs, 8))) {
            full = true;
            return false;
        }
        if (pageCount == pages.length) pages = java.util.Arrays.copyOf(pages, pageCount * 2);
        pages[pageCount++] = new long[longs];
        used = 0;
        return true;
    }

    private void growTable() {
        if (table.length >= MAX_TABLE || !reserve(MemoryBudget.arrayBytes(table.length * 2L, 8))) {
            // Stay at this size: the table is at most half full, so probing still terminates;
            // refuse further entries from now on.
            full = true;
            return;
        }
        long[] old = table;
        table = new long[old.length * 2];
        mask = table.length - 1;
        for (long t : old) {
            if (t == 0) continue;
            int a = (int) (t - 1);
            long h = pages[a >>> OFFSET_BITS][a & ((1 << OFFSET_BITS) - 1)];
            int i = (int) h & mask;
            while (table[i] != 0) i = (i + 1) & mask;
            table[i] = t;
        }
        budget.release(MemoryBudget.arrayBytes(old.length, 8));
        held -= MemoryBudget.arrayBytes(old.length, 8);
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
