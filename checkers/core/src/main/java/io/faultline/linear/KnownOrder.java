package io.faultline.linear;

import io.faultline.history.Operation;
import java.util.Arrays;
import java.util.List;

/**
 * Linear-time validation of the order the store itself recorded (the {@code revision} on each
 * completion: etcd's revision, ZooKeeper's zxid, raftstore's log index), instead of a search.
 *
 * <p>Meaning of a revision: a state-changing op (write, successful cas) with revision R took
 * effect as the R-th change of the store; an observer (read, failed-compare cas) with revision R
 * saw the state after every change with revision at most R. Every op of the partition is placed
 * in that order (changes before observers at the same revision, observers among themselves by
 * invocation), then two things are checked in one pass each: the model accepts every op in that
 * order (values), and no op comes after one that was invoked only after it had completed (real
 * time). If both hold, that order is a linearization, so the partition is linearizable: a valid
 * verdict is as certain as the search's. If either fails, the recorded order is not a
 * linearization, yet another order may be (the store may have recorded something else than it
 * did), so the caller searches instead and says why.
 *
 * <p>Ops with an unknown outcome (crashed) have no recorded place; they need not take effect, so
 * the order is replayed without them, and only where an op is impossible is one of them tried
 * just before it (among the latest invoked before that op completed, the first that makes it
 * possible). Whatever is tried, the result is only used after the same two checks over the
 * order with the crashed ops inserted, so a valid verdict still rests on a linearization found.
 */
final class KnownOrder {
    /**
     * @param problem null when the recorded order is a linearization; else why it is absent or
     *                not one, in words
     */
    record Outcome(String problem, int[] order) {
        Outcome(String problem) {
            this(problem, null);
        }

        boolean witnessed() {
            return problem == null;
        }
    }

    private KnownOrder() {
    }

    /** Crashed ops tried before an impossible op, latest invoked first, at most this many. */
    private static final int CANDIDATES = 64;

    /**
     * How many of the relevant ops with a known outcome carry a revision; all of them make the
     * order worth validating.
     */
    static int recorded(List<Operation> ops, int[] kernelOps) {
        int n = 0;
        for (int k : kernelOps) {
            Operation op = ops.get(k);
            if (!op.isInfo() && op.completion().revision() != null) n++;
        }
        return n;
    }

    /** The relevant ops with a known outcome. */
    static int known(List<Operation> ops, int[] kernelOps) {
        int n = 0;
        for (int k : kernelOps) if (!ops.get(k).isInfo()) n++;
        return n;
    }

    /** Validates the recorded order of a partition whose relevant known-outcome ops all carry a revision. */
    static Outcome check(List<Operation> ops, Kernel kernel, int[] kernelOps) {
        int all = kernelOps.length;
        int[] crashed = new int[all];        // positions in kernelOps, by invocation
        int[] ordered = new int[all];
        int nc = 0;
        int m = 0;
        for (int i = 0; i < all; i++) {
            if (ops.get(kernelOps[i]).isInfo()) crashed[nc++] = i;
            else ordered[m++] = i;
        }
        int[] order = sortByRevision(ops, kernelOps, ordered, m);
        String shared = changesFirst(ops, kernel, kernelOps, order);
        if (shared != null) return new Outcome(shared);
        // Replay, inserting crashed ops where needed; out holds the final order.
        int[] out = new int[all];
        int n = 0;
        boolean[] used = new boolean[nc];
        int state = kernel.initialState();
        for (int i = 0; i < m; i++) {
            int k = kernelOps[order[i]];
            int next = kernel.step(state, k);
            if (next == Kernel.ILLEGAL) {
                int c = enabler(ops, kernel, kernelOps, crashed, nc, used, state, k);
                if (c < 0) {
                    return new Outcome("in the recorded order, " + kernel.describeOp(k) + " (index "
                            + ops.get(k).invokeIndex() + ", revision " + revision(ops, k) + ") is impossible: "
                            + kernel.whyNot(state, k));
                }
                used[c] = true;
                out[n++] = crashed[c];
                state = kernel.step(state, kernelOps[crashed[c]]);
                next = kernel.step(state, k);
            }
            out[n++] = order[i];
            state = next;
        }
        // Real time: scanning from the end, the earliest completion among later ops must not
        // precede this op's invocation (crashed ops never complete).
        long minReturn = Long.MAX_VALUE;
        int minOp = -1;
        for (int i = n - 1; i >= 0; i--) {
            Operation op = ops.get(kernelOps[out[i]]);
            if (minReturn < op.invokeIndex()) {
                Operation later = ops.get(kernelOps[out[minOp]]);
                return new Outcome("the recorded order puts index " + later.invokeIndex() + " (revision "
                        + later.completion().revision() + ") after index " + op.invokeIndex()
                        + (op.isInfo() ? " (crashed, placed there)" : " (revision " + op.completion().revision() + ")")
                        + ", which was invoked only after it completed");
            }
            if (op.completeIndex() < minReturn && !op.isInfo()) {
                minReturn = op.completeIndex();
                minOp = i;
            }
        }
        return new Outcome(null, Arrays.copyOf(out, n));
    }

    // Within one revision: the change first (at most one), then observers by invocation.
    private static String changesFirst(List<Operation> ops, Kernel kernel, int[] kernelOps, int[] order) {
        int m = order.length;
        for (int lo = 0; lo < m; ) {
            long rev = revision(ops, kernelOps[order[lo]]);
            int hi = lo;
            int change = -1;
            while (hi < m && revision(ops, kernelOps[order[hi]]) == rev) {
                if (!kernel.readOnly(kernelOps[order[hi]])) {
                    if (change >= 0) {
                        return "two state-changing operations share revision " + rev + " (index "
                                + ops.get(kernelOps[order[change]]).invokeIndex() + " and "
                                + ops.get(kernelOps[order[hi]]).invokeIndex() + ")";
                    }
                    change = hi;
                }
                hi++;
            }
            if (change > lo) {
                int c = order[change];
                System.arraycopy(order, lo, order, lo + 1, change - lo);
                order[lo] = c;
            }
            lo = hi;
        }
        return null;
    }

    // An unused crashed op invoked before op k completed that, placed now, makes k possible.
    private static int enabler(List<Operation> ops, Kernel kernel, int[] kernelOps, int[] crashed, int nc,
                               boolean[] used, int state, int k) {
        long bound = ops.get(k).completeIndex();
        int lo = 0;
        int hi = nc;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ops.get(kernelOps[crashed[mid]]).invokeIndex() < bound) lo = mid + 1;
            else hi = mid;
        }
        int tried = 0;
        for (int c = lo - 1; c >= 0 && tried < CANDIDATES; c--) {
            if (used[c]) continue;
            tried++;
            int s = kernel.step(state, kernelOps[crashed[c]]);
            if (s != Kernel.ILLEGAL && kernel.step(s, k) != Kernel.ILLEGAL) return c;
        }
        return -1;
    }

    private static long revision(List<Operation> ops, int k) {
        return ops.get(k).completion().revision();
    }

    // The positions `ordered[0..m)` sorted by (revision, position); primitive when revisions fit 31 bits.
    private static int[] sortByRevision(List<Operation> ops, int[] kernelOps, int[] ordered, int m) {
        boolean packable = true;
        for (int i = 0; i < m; i++) {
            long r = revision(ops, kernelOps[ordered[i]]);
            if (r < 0 || r >= (1L << 31)) {
                packable = false;
                break;
            }
        }
        int[] order = new int[m];
        if (packable) {
            long[] packed = new long[m];
            for (int i = 0; i < m; i++) packed[i] = (revision(ops, kernelOps[ordered[i]]) << 32) | ordered[i];
            Arrays.sort(packed);
            for (int i = 0; i < m; i++) order[i] = (int) packed[i];
        } else {
            Integer[] idx = new Integer[m];
            for (int i = 0; i < m; i++) idx[i] = ordered[i];
            Arrays.sort(idx, (x, y) -> {
                int c = Long.compare(revision(ops, kernelOps[x]), revision(ops, kernelOps[y]));
                return c != 0 ? c : Integer.compare(x, y);
            });
            for (int i = 0; i < m; i++) order[i] = idx[i];
        }
        return order;
    }
}
