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
 * Several registers changed by transactions, as Jepsen's multi-register: {@code txn} whose value
 * is a list of micro-ops {@code [read k v]} / {@code [write k v]} ({@code r}/{@code w} also
 * accepted), applied atomically in order. In a txn whose outcome is unknown, the reads say
 * nothing and the writes may or may not have happened (all or none).
 */
public final class MultiRegisterModel implements Model {

    @Override
    public String name() {
        return "multi-register";
    }

    @Override
    public String description() {
        return "registers changed by txn [[read k v] [write k v] ...]";
    }

    @Override
    public Set<String> functions() {
        return Set.of("txn");
    }

    /**
     * Transactions touching disjoint sets of registers are independent: partitions are the
     * connected components of the "appear in one txn" relation between keys, named by their
     * smallest key. Ops whose value cannot be read stay in the null partition, where compile
     * reports them.
     */
    @Override
    public Map<Object, List<Operation>> partition(List<Operation> ops) {
        Map<String, String> parent = new HashMap<>();
        List<List<String>> keysOf = new ArrayList<>(ops.size());
        for (Operation op : ops) {
            List<String> keys = keys(op);
            keysOf.add(keys);
            if (keys == null) continue;
            for (String k : keys) parent.putIfAbsent(k, k);
            for (int i = 1; i < keys.size(); i++) union(parent, keys.get(0), keys.get(i));
        }
        Map<Object, List<Operation>> parts = new java.util.LinkedHashMap<>();
        Map<String, String> smallest = new HashMap<>();
        for (String k : parent.keySet()) smallest.merge(find(parent, k), k, (a, b) -> a.compareTo(b) <= 0 ? a : b);
        for (int i = 0; i < ops.size(); i++) {
            List<String> keys = keysOf.get(i);
            Object part = keys == null || keys.isEmpty() ? null : smallest.get(find(parent, keys.get(0)));
            parts.computeIfAbsent(part, k -> new ArrayList<>()).add(ops.get(i));
        }
        return parts;
    }

    private static List<String> keys(Operation op) {
        if (!(op.value() instanceof List<?> list)) return null;
        List<String> keys = new ArrayList<>(list.size());
        for (Object mo : list) {
            if (!(mo instanceof List<?> t) || t.size() != 3) return null;
            keys.add(String.valueOf(t.get(1)));
        }
        return keys;
    }

    private static String find(Map<String, String> parent, String k) {
        String root = k;
        while (!parent.get(root).equals(root)) root = parent.get(root);
        while (!k.equals(root)) {
            String next = parent.get(k);
            parent.put(k, root);
            k = next;
        }
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) parent.put(ra, rb);
    }

    @Override
    public Kernel compile(List<Operation> ops, Object partition, Object initial) {
        ValueTable values = new ValueTable();
        Map<Object, Integer> slots = new HashMap<>();
        List<Object> slotKeys = new ArrayList<>();
        int[][] micro = new int[ops.size()][];   // triples: isWrite(1)/read(0), slot, value id
        boolean[] relevant = new boolean[ops.size()];
        for (int i = 0; i < ops.size(); i++) {
            Operation op = ops.get(i);
            if (!op.f().equals("txn")) {
                throw new ModelMismatchException(op, "model multi-register expects f txn, found \"" + op.f() + "\"");
            }
            if (!(op.value() instanceof List<?> list)) {
                throw new ModelMismatchException(op, "a txn needs a list of micro-ops [[read k v] [write k v] ...], found "
                        + op.value());
            }
            int[] m = new int[list.size() * 3];
            int len = 0;
            for (Object mo : list) {
                if (!(mo instanceof List<?> t) || t.size() != 3) {
                    throw new ModelMismatchException(op, "a micro-op must be [read k v] or [write k v], found " + mo);
                }
                boolean write = switch (String.valueOf(t.get(0))) {
                    case "w", "write" -> true;
                    case "r", "read" -> false;
                    default -> throw new ModelMismatchException(op, "a micro-op must be [read k v] or [write k v], found "
                            + mo);
                };
                if (!write && !op.isOk()) continue;   // an unknown read constrains nothing
                Object key = t.get(1) == null ? null : t.get(1).toString();
                Integer s = slots.get(key);
                if (s == null) {
                    s = slotKeys.size();
                    slots.put(key, s);
                    slotKeys.add(key);
                }
                m[len++] = write ? 1 : 0;
                m[len++] = s;
                m[len++] = values.id(t.get(2));
            }
            micro[i] = java.util.Arrays.copyOf(m, len);
            relevant[i] = !op.isFail() && len > 0;
        }
        int[] init = new int[slotKeys.size()];
        for (int i = 0; i < init.length; i++) {
            init[i] = values.id(initial instanceof Map<?, ?> mp ? mp.get(String.valueOf(slotKeys.get(i))) : null);
        }
        return new VectorKernel(values, slotKeys, init) {
            @Override
            public boolean relevant(int op) {
                return relevant[op];
            }

            @Override
            public boolean readOnly(int op) {
                int[] m = micro[op];
                for (int j = 0; j < m.length; j += 3) if (m[j] == 1) return false;
                return true;
            }

            @Override
            protected boolean apply(int[] vec, int op) {
                int[] m = micro[op];
                for (int j = 0; j < m.length; j += 3) {
                    if (m[j] == 1) vec[m[j + 1]] = m[j + 2];
                    else if (vec[m[j + 1]] != m[j + 2]) return false;
                }
                return true;
            }

            @Override
            protected String whyNot(int[] vec, int op) {
                int[] m = micro[op];
                int[] v = vec.clone();
                for (int j = 0; j < m.length; j += 3) {
                    if (m[j] == 1) v[m[j + 1]] = m[j + 2];
                    else if (v[m[j + 1]] != m[j + 2]) {
                        return "it read " + slotKeys.get(m[j + 1]) + " = " + values.describe(m[j + 2]) + " but "
                                + slotKeys.get(m[j + 1]) + " holds " + values.describe(v[m[j + 1]]);
                    }
                }
                return "it can take effect";
            }

            @Override
            public String describeOp(int op) {
                int[] m = micro[op];
                StringBuilder sb = new StringBuilder("txn [");
                for (int j = 0; j < m.length; j += 3) {
                    if (j > 0) sb.append(' ');
                    sb.append('[').append(m[j] == 1 ? "write " : "read ").append(slotKeys.get(m[j + 1])).append(' ')
                            .append(values.describe(m[j + 2])).append(']');
                }
                return sb.append(']').toString();
            }
        };
    }
}
