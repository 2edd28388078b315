package io.faultline.linear.search;

import io.faultline.linear.Kernel;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Wing-Gong-Lowe linearizability search over one partition, as Porcupine implements it:
 * call and return entries in one doubly linked list in history order; linearizing an op lifts
 * its call and return out of the list; reaching a return whose call is still in the list means
 * backtracking. A cache of (linearized bitset, state) prunes configurations already explored.
 *
 * <p>Ops whose outcome is unknown have their return at the end of time, so they may take effect
 * anywhere after their invocation; the search succeeds once every op with a known completion is
 * linearized, so unknown ops may also never take effect.
 *
 * <p>Everything in the loop is int arrays: no allocation per step.
 */
public final class WglSearch {
    private static final int CHECK_EVERY = 1 << 12;
    private static final long MAX_TABLE = 1 << 22;
    /**
     * Up to this many words the whole bitset is the cache key (with frontier 0 and no open set):
     * cheaper per step than the compact key, and as small; beyond it the compact key of
     * {@link ConfigCache} keeps configurations a few words long however long the history.
     */
    private static final int FULL_KEY_WORDS = 32;

    private final Kernel kernel;
    private final int[] kernelOp;      // search op -> kernel op
    private final boolean[] open;      // outcome unknown: no return bound
    private final boolean[] readOnly;
    private final int[] twinClass;     // open ops with the same effect share a class; -1 = none
    private final int[] twinRank;      // position of an open op among its class, by invocation
    private final int twinClasses;
    private final int[] openOps;       // the open ops, ascending
    private final int[] reach;         // first op invoked after this op returned (m if none)
    private final int[] table;         // table[op * states + state] = next state, when tabulated
    private final int states;
    private final int m;
    private final int head;
    private final int tail;
    private final int[] next;
    private final int[] prev;
    private final long[] zobrist;

    /**
     * @param kernel     the compiled model
     * @param kernelOps  kernel op ids of the relevant ops, in invocation order
     * @param invokePos  history index of each op's invocation
     * @param returnPos  history index of each op's completion, {@link Long#MAX_VALUE} if unknown
     */
    public WglSearch(Kernel kernel, int[] kernelOps, long[] invokePos, long[] returnPos) {
        this.kernel = kernel;
        this.kernelOp = kernelOps;
        this.m = kernelOps.length;
        this.open = new boolean[m];
        this.readOnly = new boolean[m];
        for (int i = 0; i < m; i++) {
            open[i] = returnPos[i] == Long.MAX_VALUE;
            readOnly[i] = kernel.readOnly(kernelOps[i]);
        }
        int bound = kernel.stateBound();
        if (bound > 0 && (long) bound * m <= MAX_TABLE) {
            states = bound;
            table = new int[bound * m];
            for (int i = 0; i < m; i++) {
                for (int st = 0; st < bound; st++) table[i * bound + st] = kernel.step(st, kernelOps[i]);
            }
        } else {
            states = 0;
            table = null;
        }
        // Identical open ops form a class; the search places them in invocation order only.
        this.twinClass = new int[m];
        this.twinRank = new int[m];
        java.util.HashMap<Long, int[]> classes = new java.util.HashMap<>();
        int nOpen = 0;
        for (int i = 0; i < m; i++) {
            twinClass[i] = -1;
            if (!open[i]) continue;
            nOpen++;
            long sig = kernel.effectSignature(kernelOps[i]);
            if (sig < 0) continue;
            int[] c = classes.computeIfAbsent(sig, k -> new int[] {classes.size(), 0});
            twinClass[i] = c[0];
            twinRank[i] = c[1]++;
        }
        this.twinClasses = classes.size();
        this.openOps = new int[nOpen];
        for (int i = 0, k = 0; i < m; i++) if (open[i]) openOps[k++] = i;
        // invokePos ascends (ops are in invocation order), so reach is a binary search
        this.reach = new int[m];
        for (int i = 0; i < m; i++) {
            if (open[i]) {
                reach[i] = m;
                continue;
            }
            int lo = i + 1;
            int hi = m;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (invokePos[mid] < returnPos[i]) lo = mid + 1;
                else hi = mid;
            }
            reach[i] = lo;
        }
        // entries: 2i = call of op i, 2i+1 = return of op i; head and tail are sentinels
        this.head = 2 * m;
        this.tail = 2 * m + 1;
        this.next = new int[2 * m + 2];
        this.prev = new int[2 * m + 2];
        int[] order = sortEntries(invokePos, returnPos);
        int last = head;
        for (int e : order) {
            next[last] = e;
            prev[e] = last;
            last = e;
        }
        next[last] = tail;
        prev[tail] = last;
        this.zobrist = new long[m];
        SplittableRandom rnd = new SplittableRandom(0x5EED_F417L);
        for (int i = 0; i < m; i++) zobrist[i] = rnd.nextLong();
    }

    // Calls are already in invocation order; returns are sorted by completion, unknown ones last
    // (in op order). Primitive sorting: no boxed index per entry for million-op partitions.
    private int[] sortEntries(long[] invokePos, long[] returnPos) {
        int known = 0;
        boolean packable = true;
        for (int i = 0; i < m; i++) {
            if (returnPos[i] != Long.MAX_VALUE) {
                known++;
                if (returnPos[i] < 0 || returnPos[i] >= (1L << 31)) packable = false;
            }
        }
        int[] rets = new int[m];
        if (packable) {
            long[] packed = new long[known];
            int k = 0;
            for (int i = 0; i < m; i++) if (returnPos[i] != Long.MAX_VALUE) packed[k++] = (returnPos[i] << 32) | i;
            Arrays.sort(packed);
            for (int j = 0; j < known; j++) rets[j] = (int) packed[j];
        } else {
            Integer[] idx = new Integer[known];
            int k = 0;
            for (int i = 0; i < m; i++) if (returnPos[i] != Long.MAX_VALUE) idx[k++] = i;
            Arrays.sort(idx, (x, y) -> Long.compare(returnPos[x], returnPos[y]));
            for (int j = 0; j < known; j++) rets[j] = idx[j];
        }
        int k = known;
        for (int i = 0; i < m; i++) if (returnPos[i] == Long.MAX_VALUE) rets[k++] = i;
        int[] out = new int[2 * m];
        int c = 0;
        int r = 0;
        for (int o = 0; o < out.length; o++) {
            if (c < m && (r == m || invokePos[c] < returnPos[rets[r]])) out[o] = 2 * c++;
            else out[o] = 2 * rets[r++] + 1;
        }
        return out;
    }

    private int words() {
        return Math.max(1, (m + 63) >>> 6);
    }

    /** Bytes a search over {@code m} ops holds besides its cache, for the memory budget. */
    public static long bytesFor(int m, int stateBound) {
        long table = stateBound > 0 && (long) stateBound * m <= MAX_TABLE ? 4L * stateBound * m : 0;
        // open, readOnly, twin class and rank, reach, next, prev, zobrist, three stacks, best, sort scratch, bitsets
        return 120L * m + table + 4096;
    }

    /**
     * Runs the search.
     *
     * @param deadlineNanos {@link System#nanoTime()} after which to give up
     * @param cancel        set by another partition that already found a violation
     * @param budget        memory for remembered configurations, shared with other searches
     */
    public SearchOutcome run(long deadlineNanos, AtomicBoolean cancel, MemoryBudget budget) {
        return run(deadlineNanos, cancel, budget, kernel.initialState(), null);
    }

    /**
     * Runs the search from {@code start}. With {@code ends} non-null it does not stop at the
     * first linearization of every op but explores all of them, marks the final state of each in
     * {@code ends}, and returns {@code NOT_LINEARIZABLE} once exhausted (for {@link Segments};
     * only meaningful without unknown-outcome ops, and with a kernel that has a state bound).
     */
    SearchOutcome run(long deadlineNanos, AtomicBoolean cancel, MemoryBudget budget, int start, boolean[] ends) {
        ConfigCache cache = new ConfigCache(budget, 4 * m);
        // Interned open sets serve the compact key only; small searches key by the whole bitset.
        OpenSets openSets = words() <= FULL_KEY_WORDS ? null : new OpenSets(openOps, budget);
        try {
            return run(deadlineNanos, cancel, cache, openSets, start, ends);
        } finally {
            cache.close();
            if (openSets != null) openSets.close();
        }
    }

    private SearchOutcome run(long deadlineNanos, AtomicBoolean cancel, ConfigCache cache, OpenSets openSets,
                              int start, boolean[] ends) {
        int words = words();
        long[] bits = new long[words];
        boolean fullKey = words <= FULL_KEY_WORDS;
        long[] window = fullKey ? null : new long[words + 1];
        long hash = 0;
        long openHash = 0;
        int openSize = 0;
        int openSet = 0;
        int[] placed = new int[twinClasses];
        int f = 0;            // first op with a known completion not linearized
        while (f < m && open[f]) f++;
        int[] stackEntry = new int[m];
        int[] stackState = new int[m];
        int[] stackOpenSet = new int[m];
        int sp = 0;
        int[] best = new int[m];
        int bestLen = 0;
        int bestState = start;
        int lowWater = 0;     // stack below this depth still equals best
        int required = 0;
        for (int i = 0; i < m; i++) if (!open[i]) required++;
        int state = start;
        int e = next[head];
        long steps = 0;
        SearchOutcome.Status status;
        while (true) {
            if (required == 0) {
                if (ends == null) {
                    status = SearchOutcome.Status.LINEARIZABLE;
                    break;
                }
                // Collecting final states: note this one and backtrack as from a dead end. The
                // prunings stay exact for this purpose: each skips only configurations whose
                // completions end in states already reached (observers and renamed twins change
                // no state; a cached configuration was explored completely before).
                ends[state] = true;
                e = tail;
            }
            if ((++steps & (CHECK_EVERY - 1)) == 0) {
                if (cancel.get()) {
                    status = SearchOutcome.Status.CANCELLED;
                    break;
                }
                if (System.nanoTime() - deadlineNanos > 0) {
                    status = SearchOutcome.Status.TIMED_OUT;
                    break;
                }
                if (cache.full()) {
                    status = SearchOutcome.Status.MEMORY_BUDGET;
                    break;
                }
            }
            if ((e & 1) == 0) {
                int op = e >>> 1;
                int tc = twinClass[op];
                if (tc >= 0 && placed[tc] != twinRank[op]) {
                    // An identical unknown-outcome op invoked earlier is still unplaced: placing
                    // this one instead leads to the same configurations up to renaming.
                    e = next[e];
                    continue;
                }
                int ns = table != null ? table[op * states + state] : kernel.step(state, kernelOp[op]);
                if (ns != Kernel.ILLEGAL) {
                    int w = op >>> 6;
                    long bit = 1L << op;
                    bits[w] |= bit;
                    hash ^= zobrist[op];
                    int nf = f;
                    int nSet = openSet;
                    boolean isNew;
                    if (fullKey) {
                        isNew = cache.add(hash, ns, 0, 0, bits, words);
                    } else {
                        if (open[op]) {
                            nSet = openSets.intern(openHash ^ zobrist[op], openSize + 1, bits);
                            if (nSet < 0) {
                                status = SearchOutcome.Status.MEMORY_BUDGET;
                                break;
                            }
                        } else if (op == f) {
                            while (nf < m && (open[nf] || (bits[nf >>> 6] & (1L << nf)) != 0)) nf++;
                        }
                        isNew = cache.add(hash, ns, nf, nSet, window, windowOf(bits, nf, window));
                    }
                    if (isNew) {
                        stackEntry[sp] = e;
                        stackState[sp] = state;
                        stackOpenSet[sp] = openSet;
                        sp++;
                        state = ns;
                        f = nf;
                        openSet = nSet;
                        if (open[op]) {
                            openHash ^= zobrist[op];
                            openSize++;
                            if (tc >= 0) placed[tc]++;
                        }
                        lift(e);
                        if (!open[op]) required--;
                        if (sp > bestLen) {
                            System.arraycopy(stackEntry, lowWater, best, lowWater, sp - lowWater);
                            bestLen = sp;
                            bestState = state;
                            lowWater = sp;
                        }
                        e = next[head];
                        continue;
                    }
                    bits[w] &= ~bit;
                    hash ^= zobrist[op];
                }
                e = next[e];
            } else {
                if (sp == 0) {
                    status = SearchOutcome.Status.NOT_LINEARIZABLE;
                    break;
                }
                sp--;
                if (sp < lowWater) lowWater = sp;
                e = stackEntry[sp];
                state = stackState[sp];
                int op = e >>> 1;
                bits[op >>> 6] &= ~(1L << op);
                hash ^= zobrist[op];
                openSet = stackOpenSet[sp];
                if (open[op]) {
                    openHash ^= zobrist[op];
                    openSize--;
                    if (twinClass[op] >= 0) placed[twinClass[op]]--;
                } else {
                    required++;
                    if (op < f) f = op;
                }
                unlift(e);
                // Every linearization from here that places this observer later could place it
                // now instead (it was legal and changes nothing, and nothing left must precede
                // it), so the alternatives at this level are already refuted: keep backtracking.
                e = readOnly[op] ? e + 1 : next[e];
            }
        }
        int[] prefix = new int[bestLen];
        for (int i = 0; i < bestLen; i++) prefix[i] = best[i] >>> 1;
        return new SearchOutcome(status, prefix, bestState, steps, cache.size());
    }

    /**
     * Copies the bits of ops {@code f .. reach(f)-1} into {@code window}; returns the words used.
     * Ops from {@code reach(f)} on are never linearized while {@code f} is not (see ConfigCache).
     */
    private int windowOf(long[] bits, int f, long[] window) {
        if (f >= m) return 0;
        int len = reach[f] - f;
        int nWords = (len + 63) >>> 6;
        int base = f >>> 6;
        int shift = f & 63;
        for (int k = 0; k < nWords; k++) {
            long lo = bits[base + k] >>> shift;
            long hi = shift == 0 || base + k + 1 >= bits.length ? 0 : bits[base + k + 1] << (64 - shift);
            window[k] = lo | hi;
        }
        return nWords;
    }

    private void lift(int call) {
        int ret = call + 1;
        next[prev[call]] = next[call];
        prev[next[call]] = prev[call];
        next[prev[ret]] = next[ret];
        prev[next[ret]] = prev[ret];
    }

    private void unlift(int call) {
        int ret = call + 1;
        prev[next[ret]] = ret;
        next[prev[ret]] = ret;
        prev[next[call]] = call;
        next[prev[call]] = call;
    }
}
