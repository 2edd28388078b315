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

    private RegisterModel(boolean cas) {
        this.cas = cas;
    }

    public static RegisterModel register() {
        return new RegisterModel(false);
    }

    public static RegisterModel casRegister() {
        return new RegisterModel(true);
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
        Object init = initial instanceof Map<?, ?> m && partition != null ? m.get(partition.toString()) : initial;
        return new RegisterKernel(values, kind, a, b, values.id(init));
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
