package io.faultline.linear.model;

import io.faultline.history.Operation;
import io.faultline.linear.Kernel;
import io.faultline.linear.Model;
import io.faultline.linear.ModelMismatchException;
import java.util.List;
import java.util.Set;

/**
 * A lock per key: {@code acquire} succeeds only when the lock is free, {@code release} only when
 * it is held (releasing a lock that is not held fails). Two holders at once is split brain.
 */
public final class MutexModel implements Model {
    private static final int FREE = 0;
    private static final int HELD = 1;
    private static final byte ACQUIRE = 0;
    private static final byte RELEASE = 1;
    private static final byte NOTHING = 2;

    @Override
    public String name() {
        return "mutex";
    }

    @Override
    public String description() {
        return "a lock per key: acquire, release";
    }

    @Override
    public Set<String> functions() {
        return Set.of("acquire", "release");
    }

    @Override
    public Object partitionKey(Operation op) {
        return op.key();
    }

    @Override
    public Kernel compile(List<Operation> ops, Object partition, Object initial) {
        byte[] kind = new byte[ops.size()];
        for (int i = 0; i < kind.length; i++) {
            Operation op = ops.get(i);
            byte k = switch (op.f()) {
                case "acquire" -> ACQUIRE;
                case "release" -> RELEASE;
                default -> throw new ModelMismatchException(op, "model mutex expects f [acquire, release], found \""
                        + op.f() + "\"");
            };
            kind[i] = op.isFail() ? NOTHING : k;
        }
        int init = initial == null || Boolean.FALSE.equals(initial) || "free".equals(initial) ? FREE : HELD;
        return new Kernel() {
            @Override
            public boolean relevant(int op) {
                return kind[op] != NOTHING;
            }

            @Override
            public int stateBound() {
                return 2;
            }

            @Override
            public long effectSignature(int op) {
                return kind[op];
            }

            @Override
            public int initialState() {
                return init;
            }

            @Override
            public int step(int state, int op) {
                return switch (kind[op]) {
                    case ACQUIRE -> state == FREE ? HELD : ILLEGAL;
                    case RELEASE -> state == HELD ? FREE : ILLEGAL;
                    default -> state;
                };
            }

            @Override
            public String describeState(int state) {
                return state == HELD ? "held" : "free";
            }

            @Override
            public String describeOp(int op) {
                return kind[op] == ACQUIRE ? "acquire" : kind[op] == RELEASE ? "release" : "no-op";
            }

            @Override
            public String whyNot(int state, int op) {
                return kind[op] == ACQUIRE ? "the lock is already held by another process"
                        : "the lock is not held, so it cannot be released";
            }
        };
    }
}
