package io.faultline.linear.search;

import io.faultline.linear.Kernel;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Checks a partition segment by segment, splitting it at quiescent points.
 *
 * <p>A quiescent point lies before op {@code i} (ops in invocation order) when every op invoked
 * before {@code i} returned before {@code i} was invoked. Unknown-outcome ops never return, so
 * there is no quiescent point after one (they are what stays relevant after the reductions of
 * the model's compile). <b>Soundness:</b> at such a point real time orders every op before it
 * ahead of every op after it, so the linearizations of the partition are exactly the
 * concatenations of a linearization of the ops before (ending in some state s) and one of the
 * ops after starting from s. Hence the partition is linearizable exactly when, propagating the
 * set S of states a linearization of the segments so far can end in (starting from the initial
 * state; the search collects them exhaustively, see {@link WglSearch}), the last segment has a
 * linearization from some state of S. This needs the kernel's states to be few and enumerable,
 * so it is used only when {@link Kernel#stateBound()} is small.
 *
 * <p>It bounds each search to one segment (its cache, its arrays, its backtracking) and lets the
 * remembered configurations of a segment go once it is done.
 */
public final class Segments {
    /** Above this many states, enumerating end states costs more than it saves. */
    static final int MAX_STATES = 64;
    /**
     * Splitting pays only for long segments: each one costs a search set-up per start state, and
     * a search of a few thousand ops is fast anyway. Merging neighbours is always sound.
     */
    public static final int DEFAULT_MIN_OPS = 4096;

    private Segments() {
    }

    /**
     * The first op of each segment (always 0 first), each segment but the last at least
     * {@code minOps} long, when the kernel's states allow splitting; a single segment otherwise.
     */
    public static int[] starts(Kernel kernel, long[] invokePos, long[] returnPos, int minOps) {
        int m = invokePos.length;
        int bound = kernel.stateBound();
        if (m == 0 || bound <= 0 || bound > MAX_STATES) return new int[] {0};
        int[] starts = new int[8];
        int n = 1;
        long maxReturn = Long.MIN_VALUE;
        for (int i = 0; i < m; i++) {
            if (i - starts[n - 1] >= minOps && maxReturn < invokePos[i]) {
                if (n == starts.length) starts = Arrays.copyOf(starts, n * 2);
                starts[n++] = i;
            }
            maxReturn = Math.max(maxReturn, returnPos[i]);
        }
        return Arrays.copyOf(starts, n);
    }

    /**
     * Decides the partition from its segments. The outcome carries no prefix: on
     * {@code NOT_LINEARIZABLE} the caller searches the whole partition again for the
     * counterexample.
     */
    public static SearchOutcome run(Kernel kernel, int[] kernelOps, long[] invokePos, long[] returnPos, int[] starts,
                                    long deadlineNanos, AtomicBoolean cancel, MemoryBudget budget) {
        int bound = kernel.stateBound();
        boolean[] from = new boolean[bound];
        from[kernel.initialState()] = true;
        long steps = 0;
        for (int k = 0; k < starts.length; k++) {
            int lo = starts[k];
            int hi = k + 1 < starts.length ? starts[k + 1] : kernelOps.length;
            WglSearch search = new WglSearch(kernel, Arrays.copyOfRange(kernelOps, lo, hi),
                    Arrays.copyOfRange(invokePos, lo, hi), Arrays.copyOfRange(returnPos, lo, hi));
            boolean last = k == starts.length - 1;
            boolean[] ends = last ? null : new boolean[bound];
            boolean any = false;
            for (int s = 0; s < bound; s++) {
                if (!from[s]) continue;
                SearchOutcome o = search.run(deadlineNanos, cancel, budget, s, ends);
                steps += o.steps();
                switch (o.status()) {
                    case LINEARIZABLE -> {
                        return new SearchOutcome(SearchOutcome.Status.LINEARIZABLE, new int[0], o.prefixState(), steps,
                                0);
                    }
                    case NOT_LINEARIZABLE -> {
                    }
                    default -> {
                        return new SearchOutcome(o.status(), new int[0], kernel.initialState(), steps, 0);
                    }
                }
            }
            if (!last) {
                for (boolean b : ends) any |= b;
                if (!any) break;
                from = ends;
            }
        }
        return new SearchOutcome(SearchOutcome.Status.NOT_LINEARIZABLE, new int[0], kernel.initialState(), steps, 0);
    }
}
