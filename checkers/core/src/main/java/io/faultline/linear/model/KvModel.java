package io.faultline.linear.model;

import io.faultline.history.Operation;
import io.faultline.linear.Kernel;
import io.faultline.linear.Model;
import io.faultline.linear.ModelMismatchException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A map of string values, as in Porcupine's kv data: {@code get} returns the key's value,
 * {@code put} sets it, {@code append} concatenates to it. A key never written reads as null
 * or {@code ""} (Porcupine's kv service returns {@code ""}). Partitioned by key by default;
 * unpartitioned, the whole map is one state.
 */
public final class KvModel implements Model {
    private static final byte GET = 0;
    private static final byte PUT = 1;
    private static final byte APPEND = 2;
    private static final byte NOTHING = 3;

    private final boolean partitioned;

    public KvModel(boolean partitioned) {
        this.partitioned = partitioned;
    }

    @Override
    public String name() {
        return "kv";
    }

    @Override
    public String description() {
        return "a map of strings: get, put, append per key" + (partitioned ? " (partitioned by key)" : " (one map)");
    }

    @Override
    public Set<String> functions() {
        return Set.of("get", "put", "append");
    }

    @Override
    public Object partitionKey(Operation op) {
        return partitioned ? op.key() : null;
    }

    @Override
    public Kernel compile(List<Operation> ops, Object partition, Object initial) {
        int n = ops.size();
        ValueTable values = new ValueTable();
        values.id("");  // reserve; "" is mapped to absent below
        Map<Object, Integer> slots = new HashMap<>();
        List<Object> slotKeys = new ArrayList<>();
        byte[] kind = new byte[n];
        int[] slot = new int[n];
        int[] arg = new int[n];
        for (int i = 0; i < n; i++) {
            Operation op = ops.get(i);
            String key = op.key();
            if (key == null) throw new ModelMismatchException(op, "model kv needs a \"key\" on every operation");
            Integer s = slots.get(key);
            if (s == null) {
                s = slotKeys.size();
                slots.put(key, s);
                slotKeys.add(key);
            }
            slot[i] = s;
            switch (op.f()) {
                case "get" -> {
                    kind[i] = op.isOk() ? GET : NOTHING;
                    if (op.isOk()) arg[i] = id(values, op.value());
                }
                case "put" -> {
                    kind[i] = op.isFail() ? NOTHING : PUT;
                    arg[i] = id(values, op.invocation().value());
                }
                case "append" -> {
                    kind[i] = op.isFail() ? NOTHING : APPEND;
                    Object v = op.invocation().value();
                    if (!(v instanceof String)) {
                        throw new ModelMismatchException(op, "append needs a string value, found " + v);
                    }
                    arg[i] = id(values, v);
                }
                default -> throw new ModelMismatchException(op, "model kv expects f [get, put, append], found \""
                        + op.f() + "\"");
            }
        }
        int[] init = new int[slotKeys.size()];
        for (int i = 0; i < init.length; i++) {
            Object v = initial instanceof Map<?, ?> m ? m.get(slotKeys.get(i).toString()) : null;
            init[i] = id(values, v);
        }
        return new KvKernel(values, slotKeys, init, kind, slot, arg);
    }

    private static int id(ValueTable values, Object v) {
        return v == null || "".equals(v) ? ValueTable.ABSENT : values.id(v);
    }

    private static final class KvKernel extends VectorKernel {
        private final byte[] kind;
        private final int[] slot;
        private final int[] arg;

        KvKernel(ValueTable values, List<Object> slotKeys, int[] init, byte[] kind, int[] slot, int[] arg) {
            super(values, slotKeys, init);
            this.kind = kind;
            this.slot = slot;
            this.arg = arg;
        }

        @Override
        public boolean relevant(int op) {
            return kind[op] != NOTHING;
        }

        @Override
        public long effectSignature(int op) {
            return ((long) kind[op] << 58) | ((long) slot[op] << 29) | arg[op];
        }

        @Override
        public boolean readOnly(int op) {
            return kind[op] == GET;
        }

        @Override
        protected boolean apply(int[] vec, int op) {
            int s = slot[op];
            switch (kind[op]) {
                case GET -> {
                    return vec[s] == arg[op];
                }
                case PUT -> vec[s] = arg[op];
                case APPEND -> {
                    Object cur = values.value(vec[s]);
                    String joined = (cur == null ? "" : cur.toString()) + values.value(arg[op]);
                    vec[s] = values.id(joined);
                }
                default -> {
                }
            }
            return true;
        }

        @Override
        protected String whyNot(int[] vec, int op) {
            return "it read " + values.describe(arg[op]) + " but key " + slotKeys.get(slot[op]) + " holds "
                    + values.describe(vec[slot[op]]);
        }

        @Override
        public String describeOp(int op) {
            String k = String.valueOf(slotKeys.get(slot[op]));
            return switch (kind[op]) {
                case GET -> "get " + k + " -> " + values.describe(arg[op]);
                case PUT -> "put " + k + " " + values.describe(arg[op]);
                case APPEND -> "append " + k + " " + values.describe(arg[op]);
                default -> "no-op";
            };
        }
    }
}
