package io.faultline.stores;

import io.faultline.history.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A register transaction (Elle's rw-register: {@code ["r", k, nil]}, {@code ["w", k, v]}) for a
 * store that runs it optimistically, as {@link SnapshotTxn} does for list-appends: the client reads
 * the touched keys as one snapshot, {@link #apply}s the micro-ops to it in order (a read after the
 * transaction's own write sees it), and commits the {@link Applied#written() written} keys only if
 * nothing touched changed since the snapshot.
 *
 * @param micro the micro-ops, validated
 * @param keys  the keys they touch, in first-touched order
 */
public record RegisterTxn(List<List<?>> micro, List<String> keys) implements OptimisticTxn {

    /** Parses and validates a txn op; throws {@link IllegalArgumentException} saying what was expected. */
    public static RegisterTxn parse(Op inv, Predicate<String> keyOk) {
        if (!inv.f().equals("txn") || !(inv.value() instanceof List<?> ms) || ms.isEmpty()) {
            throw new IllegalArgumentException("transactions are txn ops with a non-empty list of micro-ops");
        }
        List<List<?>> micro = new ArrayList<>(ms.size());
        Set<String> keys = new LinkedHashSet<>();
        for (Object m : ms) {
            if (!(m instanceof List<?> l) || l.size() != 3 || !(l.get(1) instanceof String key) || !keyOk.test(key)
                    || !("r".equals(l.get(0)) || "w".equals(l.get(0)))) {
                throw new IllegalArgumentException("malformed micro-op " + m + "; expected [r|w, key, value]");
            }
            micro.add(l);
            keys.add(key);
        }
        return new RegisterTxn(List.copyOf(micro), List.copyOf(keys));
    }

    /** Whether a txn value has a write, i.e. running it may change the store. */
    public static boolean writes(Object txnValue) {
        return txnValue instanceof List<?> micro
                && micro.stream().anyMatch(m -> m instanceof List<?> l && !l.isEmpty() && "w".equals(l.getFirst()));
    }

    /** The completion's micro-ops (reads with what they saw) and the keys written. */
    public record Applied(List<Object> completion, Set<String> written) {
    }

    /** A register is stored as its value's text; absent or empty text is no value. */
    @Override
    public Outcome run(Map<String, String> stored) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        for (String k : keys) {
            String text = stored.get(k);
            values.put(k, text == null || text.isEmpty() ? null : StoredValue.parse(text));
        }
        Applied applied = apply(values);
        Map<String, String> writes = new java.util.LinkedHashMap<>();
        for (String k : applied.written()) writes.put(k, String.valueOf(values.get(k)));
        return new Outcome(applied.completion(), writes);
    }

    /** Runs the micro-ops on {@code values} (key to value, null = absent), changing it as writes do. */
    public Applied apply(Map<String, Object> values) {
        List<Object> completion = new ArrayList<>(micro.size());
        Set<String> written = new LinkedHashSet<>();
        for (List<?> l : micro) {
            String key = (String) l.get(1);
            if ("w".equals(l.get(0))) {
                values.put(key, l.get(2));
                written.add(key);
                completion.add(l);
            } else {
                completion.add(Arrays.asList("r", key, values.get(key)));
            }
        }
        return new Applied(completion, written);
    }
}
