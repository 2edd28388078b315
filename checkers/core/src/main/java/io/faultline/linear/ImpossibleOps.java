package io.faultline.linear;

import io.faultline.history.Operation;
import java.util.List;

/**
 * A necessary condition checked before a long search: every op with a known completion must be
 * possible in some state that the partition's ops can reach at all, in any order, from the
 * initial state. A read of a value no write or cas of the key ever leaves fails it. Such an op
 * can be in no linearization, so the partition is not linearizable; the search, by contrast,
 * would have to exhaust every order of the ops before it to learn that (at a million ops, more
 * than any timeout). Only for kernels with few states, where the closure costs states × ops
 * steps.
 */
final class ImpossibleOps {
    private static final int MAX_STATES = 4096;

    private ImpossibleOps() {
    }

    /**
     * The position in {@code kernelOps} of the earliest-completing op with a known outcome that
     * no reachable state allows, or -1 (also when the kernel's states are too many to enumerate).
     */
    static int first(List<Operation> ops, Kernel kernel, int[] kernelOps) {
        int bound = kernel.stateBound();
        if (bound <= 0 || bound > MAX_STATES) return -1;
        boolean[] reached = new boolean[bound];
        int[] queue = new int[bound];
        int head = 0;
        int tail = 0;
        reached[kernel.initialState()] = true;
        queue[tail++] = kernel.initialState();
        while (head < tail) {
            int s = queue[head++];
            for (int k : kernelOps) {
                int t = kernel.step(s, k);
                if (t != Kernel.ILLEGAL && !reached[t]) {
                    reached[t] = true;
                    queue[tail++] = t;
                }
            }
        }
        int found = -1;
        long firstReturn = Long.MAX_VALUE;
        for (int p = 0; p < kernelOps.length; p++) {
            Operation op = ops.get(kernelOps[p]);
            if (op.isInfo() || op.completeIndex() >= firstReturn) continue;
            boolean possible = false;
            for (int i = 0; i < tail && !possible; i++) possible = kernel.step(queue[i], kernelOps[p]) != Kernel.ILLEGAL;
            if (!possible) {
                found = p;
                firstReturn = op.completeIndex();
            }
        }
        return found;
    }
}
