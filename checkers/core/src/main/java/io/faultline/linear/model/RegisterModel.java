package io.faultline.linear.model;

import io.faultline.history.Errors;
import io.faultline.history.Operation;
import io.faultline.linear.Kernel;
import io.faultline.linear.Model;
import io.faultline.linear.ModelMismatchException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A single register per key: {@code read} returns the value (null = absent), {@code write}
 * sets it, and (for {@code cas-register}) {@code cas [expected, new]} sets it when it holds
 * {@code expected}. A failed cas with error {@value Errors#CAS_MISMATCH} also asserts that the
 * register held something else. Histories with keys are partitioned by key.
 */
public final class RegisterModel implements Model {
    private static final byte READ = 0;
    private static final byte WRITE = 1;
    private static final byte CAS = 2;
    private static final byte CAS_MISMATCH = 3;
    private static final byte NOTHING = 4;

    private final boolean cas;
    private final boolean reduce;

    private RegisterModel(boolean cas, boolean reduce) {
        this.cas = cas;
        this.reduce = reduce;
    }

    /**
     * The same model without the reductions of crashed ops (see {@link #compile}): slower, the
     * same verdicts. Tests compare the two.
     */
    public RegisterModel withoutReductions() {
        return new RegisterModel(cas, false);
    }

    public static RegisterModel register() {
        return new RegisterModel(false, true);
    }

    public static RegisterModel casRegister() {
        return new RegisterModel(true, true);
    }

    @Override
    public String name() {
        return cas ? "cas-register" : "register";
    }

    @Override
    public String description() {
        return cas ? "one register per key: read, write, cas [expected, new]"
                : "one register per key: read, write";
    }

    @Override
    public Set<String> functions() {
        return cas ? Set.of("read", "write", "cas") : Set.of("read", "write");
    }

    @Override
    public Object partitionKey(Operation op) {
        return op.key();
    }

    /**
     * Compiles a partition, with two sound reductions of crashed (info) ops before the search.
     *
     * <p><b>A crashed read is dropped</b> ({@code NOTHING}): a read changes no state, so removing
     * it from a linearization leaves every other op legal, and a crashed op need not be placed.
     *
     * <p><b>A crashed write or cas whose new value v no op can observe is dropped</b>, where
     * "observe" means: an ok read returning v, a cas (any outcome) expecting v, or a failed-compare
     * cas expecting anything but v. Proof: take a linearization that places the crashed op w. The
     * register holds v from w to the next op that changes it. Every op in between is legal with
     * v: not a read (it would return v), not a cas (it would expect v), not a failed-compare cas
     * (its expected value would differ from v). So the op right after w, if any, is a write, which
     * is legal in any state and sets the state regardless of it. Removing w therefore keeps every
     * op before and after it legal with the same states, and only removes real-time constraints.
     * Conversely a linearization without w is one with it (a crashed op may never take effect).
     * So the partition is linearizable with w exactly when it is without w.
     */
    @Override
    public Kernel compile(List<Operation> ops, Object partition, Object initial) {
        int n = ops.size();
        ValueTable values = new ValueTable();
        byte[] kind = new byte[n];
        int[] a = new int[n];
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            Operation op = ops.get(i);
            switch (op.f()) {
                case "read" -> {
                    // A read that failed or whose result is unknown says nothing about the register.
                    kind[i] = op.isOk() ? READ : NOTHING;
                    if (op.isOk()) a[i] = values.id(op.value());
                }
                case "write" -> {
                    kind[i] = op.isFail() ? NOTHING : WRITE;
                    a[i] = values.id(op.invocation().value());
                }
                case "cas" -> {
                    if (!cas) {
                        throw new ModelMismatchException(op, "model register has no cas; use --model cas-register");
                    }
                    List<?> pair = casPair(op);
                    a[i] = values.id(pair.get(0));
                    b[i] = values.id(pair.get(1));
                    if (op.isFail()) {
                        kind[i] = Errors.CAS_MISMATCH.equals(op.error()) ? CAS_MISMATCH : NOTHING;
                    } else {
                        kind[i] = CAS;
                    }
                }
                default -> throw new ModelMismatchException(op, "model " + name() + " expects f "
                        + functions() + ", found \"" + op.f() + "\"");
            }
        }
        if (reduce) dropUnobservableCrashedWrites(ops, kind, a, b);
        Object init = initial instanceof Map<?, ?> m && partition != null ? m.get(partition.toString()) : initial;
        return new RegisterKernel(values, kind, a, b, values.id(init));
    }

    // The second reduction of compile(); values are ids, so sets of them are bitsets.
    private static void dropUnobservableCrashedWrites(List<Operation> ops, byte[] kind, int[] a, int[] b) {
        java.util.BitSet observed = new java.util.BitSet();
        int mismatchExpects = -1;     // the one value every failed-compare cas expects; -2 when several
        for (int i = 0; i < kind.length; i++) {
            switch (kind[i]) {
                case READ, CAS -> observed.set(a[i]);
                case CAS_MISMATCH -> mismatchExpects = mismatchExpects == -1 || mismatchExpects == a[i] ? a[i] : -2;
                default -> {
                }
            }
        }
        if (mismatchExpects == -2) return;
        for (int i = 0; i < kind.length; i++) {
            if (!ops.get(i).isInfo() || (kind[i] != WRITE && kind[i] != CAS)) continue;
            int v = kind[i] == WRITE ? a[i] : b[i];
            if (!observed.get(v) && (mismatchExpects == -1 || mismatchExpects == v)) kind[i] = NOTHING;
        }
    }

    private static List<?> casPair(Operation op) {
        Object v = op.invocation().value();
        if (v instanceof List<?> l && l.size() == 2) return l;
        throw new ModelMismatchException(op, "a cas needs the value [expected, new], found " + v);
    }

    /** State = value id; each step is a comparison over ints. */
    private record RegisterKernel(ValueTable values, byte[] kind, int[] a, int[] b, int initialState)
            implements Kernel {

        @Override
        public boolean relevant(int op) {
            return kind[op] != NOTHING;
        }

        @Override
        public int stateBound() {
            return values.size();
        }

        @Override
        public long effectSignature(int op) {
            return ((long) kind[op] << 58) | ((long) a[op] << 29) | b[op];
        }

        @Override
        public boolean readOnly(int op) {
            return kind[op] == READ || kind[op] == CAS_MISMATCH;
        }

        @Override
        public int step(int state, int op) {
            return switch (kind[op]) {
                case READ -> state == a[op] ? state : ILLEGAL;
                case WRITE -> a[op];
                case CAS -> state == a[op] ? b[op] : ILLEGAL;
                case CAS_MISMATCH -> state != a[op] ? state : ILLEGAL;
                default -> state;
            };
        }

        @Override
        public String describeState(int state) {
            return values.describe(state);
        }

        @Override
        public String describeOp(int op) {
            return switch (kind[op]) {
                case READ -> "read -> " + values.describe(a[op]);
                case WRITE -> "write " + values.describe(a[op]);
                case CAS -> "cas " + values.describe(a[op]) + " -> " + values.describe(b[op]);
                case CAS_MISMATCH -> "cas " + values.describe(a[op]) + " -> " + values.describe(b[op])
                        + " (compare failed)";
                default -> "no-op";
            };
        }

        @Override
        public String whyNot(int state, int op) {
            String holds = "the register holds " + values.describe(state);
            return switch (kind[op]) {
                case READ -> "it read " + values.describe(a[op]) + " but " + holds;
                case CAS -> "its compare needs " + values.describe(a[op]) + " but " + holds;
                case CAS_MISMATCH -> "its compare failed, yet " + holds + ", which it expected";
                default -> "it can always take effect";
            };
        }
    }
}
