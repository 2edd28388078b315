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
 * did), so the caller searches instead and says why. Ops with an unknown outcome that still
 * matter after the model's reductions have no recorded place: then too the caller searches.
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

    /** How many of the relevant ops carry a revision; all of them make the order worth validating. */
    static int recorded(List<Operation> ops, int[] kernelOps) {
        int n = 0;
        for (int k : kernelOps) {
            Operation op = ops.get(k);
            if (op.completion() != null && op.completion().revision() != null) n++;
        }
        return n;
    }

    /** Validates the recorded order of a partition whose relevant ops all carry a revision. */
    static Outcome check(List<Operation> ops, Kernel kernel, int[] kernelOps) {
        int m = kernelOps.length;
        for (int k : kernelOps) {
            if (ops.get(k).isInfo()) {
                return new Outcome("a crashed operation whose effect may be observed has no recorded place ("
                        + kernel.describeOp(k) + ", index " + ops.get(k).invokeIndex() + ")");
            }
        }
        int[] order = sortByRevision(ops, kernelOps);
        // Within one revision: the change first (at most one), then observers by invocation.
        for (int lo = 0; lo < m; ) {
            long rev = revision(ops, kernelOps[order[lo]]);
            int hi = lo;
            int change = -1;
            while (hi < m && revision(ops, kernelOps[order[hi]]) == rev) {
                if (!kernel.readOnly(kernelOps[order[hi]])) {
                    if (change >= 0) {
                        return new Outcome("two state-changing operations share revision " + rev + " (index "
                                + ops.get(kernelOps[order[change]]).invokeIndex() + " and "
                                + ops.get(kernelOps[order[hi]]).invokeIndex() + ")");
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
        int state = kernel.initialState();
        for (int i = 0; i < m; i++) {
            int k = kernelOps[order[i]];
            int next = kernel.step(state, k);
            if (next == Kernel.ILLEGAL) {
                return new Outcome("in the recorded order, " + kernel.describeOp(k) + " (index "
                        + ops.get(k).invokeIndex() + ", revision " + revision(ops, k) + ") is impossible: "
                        + kernel.whyNot(state, k));
            }
            state = next;
        }
        // Real time: scanning from the end, the earliest completion among later ops must not
        // precede this op's invocation.
        long minReturn = Long.MAX_VALUE;
        int minOp = -1;
        for (int i = m - 1; i >= 0; i--) {
            Operation op = ops.get(kernelOps[order[i]]);
            if (minReturn < op.invokeIndex()) {
                Operation later = ops.get(kernelOps[order[minOp]]);
                return new Outcome("the recorded order puts index " + later.invokeIndex() + " (revision "
                        + later.completion().revision() + ") after index " + op.invokeIndex() + " (revision "
                        + op.completion().revision() + "), which was invoked only after it completed");
            }
            if (op.completeIndex() < minReturn) {
                minReturn = op.completeIndex();
                minOp = i;
            }
        }
        return new Outcome(null, order);
    }

    private static long revision(List<Operation> ops, int k) {
        return ops.get(k).completion().revision();
    }

    // Positions in kernelOps sorted by (revision, position); primitive when revisions fit 32 bits.
    private static int[] sortByRevision(List<Operation> ops, int[] kernelOps) {
        int m = kernelOps.length;
        boolean packable = true;
        for (int k : kernelOps) {
            long r = revision(ops, k);
            if (r < 0 || r >= (1L << 31)) {
                packable = false;
                break;
            }
        }
        int[] order = new int[m];
        if (packable) {
            long[] packed = new long[m];
            for (int i = 0; i < m; i++) packed[i] = (revision(ops, kernelOps[i]) << 32) | i;
            Arrays.sort(packed);
            for (int i = 0; i < m; i++) order[i] = (int) packed[i];
        } else {
            Integer[] idx = new Integer[m];
            for (int i = 0; i < m; i++) idx[i] = i;
            Arrays.sort(idx, (x, y) -> {
                int c = Long.compare(revision(ops, kernelOps[x]), revision(ops, kernelOps[y]));
                return c != 0 ? c : Integer.compare(x, y);
            });
            for (int i = 0; i < m; i++) order[i] = idx[i];
        }
        return order;
    }
}
