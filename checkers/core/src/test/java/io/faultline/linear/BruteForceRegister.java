package io.faultline.linear;

import io.faultline.history.Operation;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An independent, exponential linearizability oracle for small cas-register histories (at most
 * 20 ops): a depth-first search over sets of placed ops, memoized on (set, value), with its own
 * register semantics. Shares no code with the checker's search or kernels.
 */
final class BruteForceRegister {
    private final List<Operation> ops;
    private final Set<Long> refuted = new HashSet<>();

    private BruteForceRegister(List<Operation> ops) {
        if (ops.size() > 20) throw new IllegalArgumentException("too many ops for the oracle: " + ops.size());
        this.ops = ops;
    }

    static boolean linearizable(List<Operation> ops) {
        return new BruteForceRegister(ops).search(0, null);
    }

    private boolean search(int placed, Object value) {
        boolean done = true;
        for (int i = 0; i < ops.size(); i++) {
            if ((placed & (1 << i)) == 0 && mustHappen(ops.get(i))) done = false;
        }
        if (done) return true;
        long key = ((long) placed << 8) | (value == null ? 255 : ((Long) value).intValue());
        if (refuted.contains(key)) return false;
        for (int i = 0; i < ops.size(); i++) {
            if ((placed & (1 << i)) != 0 || ops.get(i).isFail() && !isMismatch(ops.get(i))) continue;
            if (!minimal(placed, i)) continue;
            Object[] next = step(ops.get(i), value);
            if (next != null && search(placed | (1 << i), next[0])) return true;
        }
        refuted.add(key);
        return false;
    }

    private static boolean mustHappen(Operation op) {
        return op.isOk() || isMismatch(op);
    }

    private static boolean isMismatch(Operation op) {
        return op.isFail() && "cas-mismatch".equals(op.error());
    }

    // No unplaced op that must happen completed before op i was invoked.
    private boolean minimal(int placed, int i) {
        for (int j = 0; j < ops.size(); j++) {
            if (j == i || (placed & (1 << j)) != 0 || !mustHappen(ops.get(j))) continue;
            if (ops.get(j).completeIndex() < ops.get(i).invokeIndex()) return false;
        }
        return true;
    }

    /** The value after op, wrapped (null inside is absent), or null when op is illegal. */
    private static Object[] step(Operation op, Object value) {
        switch (op.f()) {
            case "read" -> {
                if (!op.isOk()) return new Object[] {value};
                return Objects.equals(op.value(), value) ? new Object[] {value} : null;
            }
            case "write" -> {
                return new Object[] {op.invocation().value()};
            }
            default -> {
                List<?> pair = (List<?>) op.invocation().value();
                if (isMismatch(op)) return Objects.equals(pair.get(0), value) ? null : new Object[] {value};
                return Objects.equals(pair.get(0), value) ? new Object[] {pair.get(1)} : null;
            }
        }
    }
}
