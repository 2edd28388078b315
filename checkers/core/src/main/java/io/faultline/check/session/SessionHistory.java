package io.faultline.check.session;

import io.faultline.check.OpText;
import io.faultline.check.UnsuitableHistoryException;
import io.faultline.history.History;
import io.faultline.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A register/kv history reduced to what session checks need: for every ok read and every write,
 * its key and the interval {@code [lo, hi]} of its version, such that version a is older than
 * version b exactly when {@code a.hi < b.lo}.
 *
 * <p>With revisions recorded (every ok read and write completes with
 * {@code {"value": v, "revision": R}}) a version is the single point R. Without them a read's
 * version is the write whose (unique) value it returned, as that write's real-time interval
 * [invoke, complete]; the initial state is older than every write; an indeterminate write never
 * completes. Reads of values no write wrote are not placed (counted as unmatched).
 */
final class SessionHistory {
    static final int NONE = -1;

    final History history;
    final List<Operation> ops;
    final VersionOrder order;
    /** Per operation id: 0 ignored, 1 read with a version, 2 write with a version. */
    final byte[] kind;
    final int[] key;
    final long[] lo;
    final long[] hi;
    /** For reads: the operation id of the write whose (unique) value was read, or NONE (initial state, unknown). */
    final int[] source;
    final List<String> keyNames = new ArrayList<>();
    long unmatchedReads;

    private SessionHistory(History history, String checker) {
        this.history = history;
        this.ops = history.operations();
        int n = ops.size();
        kind = new byte[n];
        key = new int[n];
        lo = new long[n];
        hi = new long[n];
        source = new int[n];
        java.util.Arrays.fill(source, NONE);
        boolean allRevisions = true;
        boolean any = false;
        for (Operation op : ops) {
            switch (op.f()) {
                case "read", "write", "cas" -> {
                    any = true;
                    if (op.isOk() && revision(op.completion().value()) == null) allRevisions = false;
                }
                default -> throw UnsuitableHistoryException.at(checker, history, op, "operation f=\"" + op.f()
                        + "\"; session checkers read register/kv histories of f=\"read\", \"write\" and \"cas\""
                        + (op.f().equals("txn") ? " (for txn histories use --checker list-append)" : ""));
            }
        }
        if (!any) throw new UnsuitableHistoryException(checker + " checker: " + history.source()
                + " has no read or write operations; expected a register/kv history");
        order = allRevisions ? VersionOrder.REVISION : VersionOrder.REAL_TIME;
        if (order == VersionOrder.REVISION) placeByRevision(checker);
        else placeByRealTime(checker);
    }

    static SessionHistory of(History history, String checker) {
        return new SessionHistory(history, checker);
    }

    private int keyId(Map<String, Integer> ids, String k) {
        Integer id = ids.get(k);
        if (id == null) {
            id = keyNames.size();
            ids.put(k, id);
            keyNames.add(k);
        }
        return id;
    }

    private void placeByRevision(String checker) {
        Map<String, Integer> ids = new HashMap<>();
        for (Operation op : ops) {
            if (!op.isOk()) continue;
            int i = op.id();
            key[i] = keyId(ids, op.key());
            Long r = revision(op.completion().value());
            lo[i] = r;
            hi[i] = r;
            kind[i] = op.f().equals("read") ? (byte) 1 : (byte) 2;
        }
        // which write each read returned, when values are unique per key (for chains of writes)
        List<Map<Object, Integer>> writers = new ArrayList<>();
        for (Operation op : ops) {
            int i = op.id();
            if (kind[i] != 2) continue;
            while (writers.size() <= key[i]) writers.add(new HashMap<>());
            writers.get(key[i]).merge(written(op, checker), i, (a, b) -> NONE);
        }
        for (Operation op : ops) {
            int i = op.id();
            if (kind[i] != 1 || key[i] >= writers.size()) continue;
            Integer w = writers.get(key[i]).get(plain(op.value()));
            if (w != null && w != NONE) source[i] = w;
        }
    }

    private void placeByRealTime(String checker) {
        Map<String, Integer> ids = new HashMap<>();
        // per key: value -> write op id (first), and the widened interval when a value repeats
        List<Map<Object, int[]>> writers = new ArrayList<>();
        for (Operation op : ops) {
            if (op.f().equals("read") || op.isFail()) continue;
            int k = keyId(ids, op.key());
            while (writers.size() <= k) writers.add(new HashMap<>());
            Object v = written(op, checker);
            int i = op.id();
            key[i] = k;
            kind[i] = 2;
            lo[i] = op.invokeTime();
            hi[i] = op.isOk() ? op.completeTime() : Long.MAX_VALUE;
            int[] first = writers.get(k).putIfAbsent(v, new int[] {i});
            if (first != null) {
                // a repeated value makes its reads ambiguous: widen the first writer's interval
                int f = first[0];
                lo[f] = Math.min(lo[f], lo[i]);
                hi[f] = Math.max(hi[f], hi[i]);
            }
        }
        for (Operation op : ops) {
            if (!op.f().equals("read") || !op.isOk()) continue;
            int k = keyId(ids, op.key());
            while (writers.size() <= k) writers.add(new HashMap<>());
            int i = op.id();
            key[i] = k;
            Object v = plain(op.value());
            if (v == null) {
                kind[i] = 1;
                lo[i] = Long.MIN_VALUE;
                hi[i] = Long.MIN_VALUE;
                continue;
            }
            int[] w = writers.get(k).get(v);
            if (w == null) {
                unmatchedReads++;
                continue;
            }
            kind[i] = 1;
            source[i] = w[0];
            lo[i] = lo[w[0]];
            hi[i] = hi[w[0]];
        }
    }

    private Object written(Operation op, String checker) {
        Object v = plain(op.invocation().value());
        if (op.f().equals("cas")) {
            if (!(v instanceof List<?> l) || l.size() != 2) {
                throw UnsuitableHistoryException.at(checker, history, op,
                        "cas carries " + OpText.value(v) + "; expected [expected, new]");
            }
            return l.get(1);
        }
        return v;
    }

    /** The value inside {@code {"value": v, "revision": R}}, or the value itself. */
    static Object plain(Object v) {
        if (v instanceof Map<?, ?> m && m.containsKey("value")) return m.get("value");
        return v;
    }

    static Long revision(Object v) {
        if (v instanceof Map<?, ?> m) {
            Object r = m.containsKey("revision") ? m.get("revision") : m.get("version");
            if (r instanceof Long l) return l;
            if (r instanceof Integer n) return n.longValue();
        }
        return null;
    }

    boolean isRead(int i) {
        return kind[i] == 1;
    }

    boolean isWrite(int i) {
        return kind[i] == 2;
    }

    /** Version of op a is strictly older than version of op b. */
    boolean older(int a, int b) {
        return hi[a] < lo[b];
    }

    String keyName(int i) {
        return Objects.toString(keyNames.get(key[i]));
    }

    /** Why version a is older than version b, in words. */
    String olderBecause(int a, int b) {
        if (order == VersionOrder.REVISION) {
            return "revision " + lo[a] + " is older than revision " + lo[b];
        }
        String va = versionName(a);
        String vb = versionName(b);
        if (hi[a] == Long.MIN_VALUE) return va + " is older than " + vb;
        return va + " completed at " + OpText.time(hi[a]) + ", before " + vb + " was invoked at " + OpText.time(lo[b]);
    }

    private String versionName(int i) {
        if (kind[i] == 2) return "the write of " + OpText.value(plain(ops.get(i).invocation().value()))
                + " (op " + ops.get(i).invokeIndex() + ")";
        int w = source[i];
        if (w == NONE) return "the initial (absent) state";
        return "the write of " + OpText.value(plain(ops.get(w).invocation().value())) + " (op "
                + ops.get(w).invokeIndex() + ")";
    }
}
