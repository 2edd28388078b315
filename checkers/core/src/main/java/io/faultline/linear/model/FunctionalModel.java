package io.faultline.linear.model;

import io.faultline.history.Operation;
import io.faultline.linear.Kernel;
import io.faultline.linear.Model;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * A model given as plain functions, as in Porcupine: {@code init}, {@code step(state, input,
 * output)}, {@code equal}, {@code partition}, {@code describeOperation}, {@code describeState}.
 * It compiles to the same int kernel as the built-in models: states are interned once (by
 * {@code equal} and {@code hash}) and each (state, op) transition is computed once and
 * memoized, so the search runs over ints whatever the state type.
 *
 * <p>An operation's input is its {@code f}, key and invocation value; its output is the
 * completion value of an ok op (null for a read of nothing), or {@link #UNKNOWN} when the outcome
 * is unknown (a crashed op, which may take effect or not; the search decides). Failed ops did not happen and are not given to
 * {@code step}. {@code step} returns the next state, or null when the op cannot take effect
 * in this state; states are never null. Functions must be pure: {@code step} must not change
 * its arguments.
 *
 * <pre>{@code
 * Model register = FunctionalModel.<Long>builder("my-register")
 *         .init(() -> 0L)
 *         .step((state, in, out) -> switch (in.f()) {
 *             case "write" -> (Long) in.value();
 *             case "read" -> out == null || out.equals(state) ? state : null;
 *             default -> null;
 *         })
 *         .build();
 * }</pre>
 *
 * @param <S> the state type
 */
public final class FunctionalModel<S> implements Model {
    /** The output of an op whose outcome is unknown (info, or no completion). */
    public static final Object UNKNOWN = new Object() {
        @Override
        public String toString() {
            return "unknown";
        }
    };

    /** What an op asked for: its {@code f}, key (or null) and invocation value. */
    public record Input(String f, String key, Object value) {
    }

    /** Porcupine's step: the next state, or null when the op cannot take effect in {@code state}. */
    @FunctionalInterface
    public interface Step<S> {
        S apply(S state, Input input, Object output);
    }

    private final String name;
    private final Set<String> functions;
    private final Supplier<S> init;
    private final Step<S> step;
    private final BiPredicate<S, S> equal;
    private final ToIntFunction<S> hash;
    private final Function<Operation, Object> partition;
    private final BiFunction<Input, Object, String> describeOperation;
    private final Function<S, String> describeState;

    private FunctionalModel(Builder<S> b) {
        this.name = b.name;
        this.functions = Set.copyOf(b.functions);
        this.init = Objects.requireNonNull(b.init, "init");
        this.step = Objects.requireNonNull(b.step, "step");
        this.equal = b.equal;
        this.hash = b.hash;
        this.partition = b.partition;
        this.describeOperation = b.describeOperation;
        this.describeState = b.describeState;
    }

    /** Starts a model with the given name; {@code init} and {@code step} are required. */
    public static <S> Builder<S> builder(String name) {
        return new Builder<>(name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "a model given as functions (" + name + ")";
    }

    @Override
    public Set<String> functions() {
        return functions;
    }

    @Override
    public Object partitionKey(Operation op) {
        return partition.apply(op);
    }

    @Override
    public Kernel compile(List<Operation> ops, Object partitionKey, Object initial) {
        int n = ops.size();
        Input[] inputs = new Input[n];
        Object[] outputs = new Object[n];
        boolean[] relevant = new boolean[n];
        for (int i = 0; i < n; i++) {
            Operation op = ops.get(i);
            inputs[i] = new Input(op.f(), op.key(), op.invocation().value());
            outputs[i] = op.isOk() ? op.completion().value() : UNKNOWN;
            relevant[i] = !op.isFail();
        }
        return new FunctionalKernel(inputs, outputs, relevant);
    }

    /** States interned to ints, transitions memoized: the search never sees an S. */
    private final class FunctionalKernel implements Kernel {
        private final Input[] inputs;
        private final Object[] outputs;
        private final boolean[] relevant;
        private final List<S> states = new ArrayList<>();
        private final Map<Key, Integer> ids = new HashMap<>();
        private final LongIntMap memo = new LongIntMap();
        private final int initial;

        FunctionalKernel(Input[] inputs, Object[] outputs, boolean[] relevant) {
            this.inputs = inputs;
            this.outputs = outputs;
            this.relevant = relevant;
            this.initial = intern(Objects.requireNonNull(init.get(), "init returned null"));
        }

        private final class Key {
            final S state;
            final int h;

            Key(S state) {
                this.state = state;
                this.h = hash.applyAsInt(state);
            }

            @Override
            @SuppressWarnings("unchecked")
            public boolean equals(Object o) {
                return o instanceof FunctionalModel<?>.FunctionalKernel.Key k && h == k.h
                        && equal.test(state, (S) k.state);
            }

            @Override
            public int hashCode() {
                return h;
            }
        }

        private int intern(S s) {
            return ids.computeIfAbsent(new Key(s), k -> {
                states.add(s);
                return states.size() - 1;
            });
        }

        @Override
        public boolean relevant(int op) {
            return relevant[op];
        }

        @Override
        public int initialState() {
            return initial;
        }

        @Override
        public int step(int state, int op) {
            long k = ((long) state << 32) | (op & 0xFFFFFFFFL);
            int r = memo.get(k);
            if (r != LongIntMap.MISSING) return r;
            S next = FunctionalModel.this.step.apply(states.get(state), inputs[op], outputs[op]);
            r = next == null ? ILLEGAL : intern(next);
            memo.put(k, r);
            return r;
        }

        @Override
        public String describeState(int state) {
            return describeState.apply(states.get(state));
        }

        @Override
        public String describeOp(int op) {
            return describeOperation.apply(inputs[op], outputs[op]);
        }

        @Override
        public String whyNot(int state, int op) {
            return "the model's step refuses " + describeOp(op) + " in state " + describeState(state);
        }
    }

    /** Builds a {@link FunctionalModel}; the defaults are Porcupine's. */
    public static final class Builder<S> {
        private final String name;
        private Set<String> functions = Set.of();
        private Supplier<S> init;
        private Step<S> step;
        private BiPredicate<S, S> equal = Objects::equals;
        private ToIntFunction<S> hash = Objects::hashCode;
        private Function<Operation, Object> partition = op -> null;
        private BiFunction<Input, Object, String> describeOperation = (in, out) -> in.f()
                + (in.value() == null ? "" : " " + in.value()) + (out == UNKNOWN ? "" : " -> " + out);
        private Function<S, String> describeState = String::valueOf;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** The initial state (required). */
        public Builder<S> init(Supplier<S> init) {
            this.init = init;
            return this;
        }

        /** The transition function (required). */
        public Builder<S> step(Step<S> step) {
            this.step = step;
            return this;
        }

        /** State equality and a hash consistent with it (default: equals and hashCode). */
        public Builder<S> equal(BiPredicate<S, S> equal, ToIntFunction<S> hash) {
            this.equal = equal;
            this.hash = hash;
            return this;
        }

        /** The independent part an op belongs to, e.g. {@code Operation::key} (default: none). */
        public Builder<S> partition(Function<Operation, Object> partition) {
            this.partition = partition;
            return this;
        }

        /** Words for an op in explanations. */
        public Builder<S> describeOperation(BiFunction<Input, Object, String> describe) {
            this.describeOperation = describe;
            return this;
        }

        /** Words for a state in explanations. */
        public Builder<S> describeState(Function<S, String> describe) {
            this.describeState = describe;
            return this;
        }

        /** The {@code f} names the model understands, used when a model is inferred (default: none). */
        public Builder<S> functions(Set<String> functions) {
            this.functions = functions;
            return this;
        }

        public FunctionalModel<S> build() {
            return new FunctionalModel<>(this);
        }
    }
}
