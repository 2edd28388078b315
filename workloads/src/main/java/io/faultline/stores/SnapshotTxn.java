package io.faultline.stores;

import io.faultline.history.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A list-append transaction for a store that cannot run one whole: the client reads the lists of
 * the touched {@link #keys()} as one snapshot, {@link #apply applies} the micro-ops to them here in
 * order (so a read after an append in the same txn sees it), and writes back the {@link
 * Applied#written() appended} lists only if no touched key changed since the snapshot. Lists are
 * stored as comma-separated values ({@link #join}, {@link #split}).
 */
public final class SnapshotTxn implements OptimisticTxn {
    private final List<List<?>> microOps;
    private final List<String> keys;

    private SnapshotTxn(List<List<?>> microOps, List<String> keys) {
        this.microOps = microOps;
        this.keys = keys;
    }

    /**
     * The micro-ops of {@code inv}, a {@code txn} of {@code [f, key, value]} lists; any {@code f}
     * other than "append" reads.
     *
     * @param validKey keys the store can hold (a ZooKeeper key must not contain "/")
     * @throws IllegalArgumentException naming what is malformed; the op then certainly failed
     */
    public static SnapshotTxn parse(Op inv, Predicate<String> validKey) {
        if (!inv.f().equals("txn") || !(inv.value() instanceof List<?> micro)) {
            throw new IllegalArgumentException("append ops are txn with a list of micro-ops");
        }
        List<List<?>> ops = new ArrayList<>(micro.size());
        Set<String> touched = new LinkedHashSet<>();
        for (Object m : micro) {
            if (!(m instanceof List<?> l) || l.size() != 3 || !(l.get(1) instanceof String k) || !validKey.test(k)) {
                throw new IllegalArgumentException("malformed micro-op " + m);
            }
            ops.add(l);
            touched.add(k);
        }
        return new SnapshotTxn(ops, List.copyOf(touched));
    }

    /** Whether a txn value has an append, i.e. running it may change the store. */
    public static boolean appends(Object txnValue) {
        if (!(txnValue instanceof List<?> micro)) return false;
        for (Object m : micro) if (m instanceof List<?> l && !l.isEmpty() && "append".equals(l.getFirst())) return true;
        return false;
    }

    /** Every key the txn touches, once each, in the order first touched. */
    @Override
    public List<String> keys() {
        return keys;
    }

    /** The completion's micro-ops and which keys got appends; see {@link #apply}. */
    public record Applied(List<Object> completion, Set<String> written) {
    }

    /**
     * Runs the micro-ops against {@code lists}, a mutable list per key of {@link #keys()}, which it
     * changes: appends are added, reads record a copy of the list as it is at that point.
     */
    public Applied apply(Map<String, List<Object>> lists) {
        List<Object> completion = new ArrayList<>(microOps.size());
        Set<String> written = new LinkedHashSet<>();
        for (List<?> l : microOps) {
            String key = (String) l.get(1);
            if ("append".equals(l.getFirst())) {
                lists.get(key).add(l.get(2));
                written.add(key);
                completion.add(l);
            } else {
                completion.add(Arrays.asList("r", key, new ArrayList<>(lists.get(key))));
            }
        }
        return new Applied(completion, written);
    }

    /** Lists are stored comma-separated ("" or absent: the empty list). */
    @Override
    public Outcome run(Map<String, String> stored) {
        Map<String, List<Object>> lists = new java.util.LinkedHashMap<>();
        for (String k : keys) {
            String text = stored.get(k);
            lists.put(k, split(text == null ? "" : text, StoredValue::parse));
        }
        Applied applied = apply(lists);
        Map<String, String> writes = new java.util.LinkedHashMap<>();
        for (String k : applied.written()) writes.put(k, join(lists.get(k)));
        return new Outcome(applied.completion(), writes);
    }

    /** A list as stored: its values comma-separated. */
    public static String join(List<Object> list) {
        StringBuilder b = new StringBuilder();
        for (Object o : list) {
            if (!b.isEmpty()) b.append(',');
            b.append(o);
        }
        return b.toString();
    }

    /** The mutable list {@link #join} stored as {@code text} ("" is the empty list), each element read by {@code value}. */
    public static List<Object> split(String text, Function<String, Object> value) {
        List<Object> out = new ArrayList<>();
        if (text.isEmpty()) return out;
        for (String e : text.split(",")) out.add(value.apply(e));
        return out;
    }
}
