package io.faultline.raftstore.kv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The replicated key-value state machine. Deterministic: the same commands at the same indexes
 * give the same state and results on every replica. Values are Strings or, for keys written by
 * txn appends, lists of Strings.
 */
public final class KvStore {
    private record Session(long seq, Result result, long lastActiveMillis) { }

    private final boolean dedupe;
    private final long sessionExpiryMillis;
    private final HashMap<String, Object> data = new HashMap<>();
    private final HashMap<String, Session> sessions = new HashMap<>();
    private long revision;
    private long clockMillis;

    /**
     * @param dedupe false only under the no-dedupe fault mode: sessions are ignored
     */
    public KvStore(boolean dedupe, long sessionExpiryMillis) {
        this.dedupe = dedupe;
        this.sessionExpiryMillis = sessionExpiryMillis;
    }

    public long revision() {
        return revision;
    }

    /** A local read of the applied state. */
    public Result.Read read(String key) {
        return new Result.Read(key, copy(data.get(key)), revision);
    }

    /** Applies the command logged at {@code index}. */
    public Result apply(long index, Command.Envelope env) {
        if (env.timeMillis() > clockMillis) {
            clockMillis = env.timeMillis();
            expireSessions();
        }
        if (dedupe && env.clientId() != null) {
            Session s = sessions.get(env.clientId());
            if (s != null && env.seq() == s.seq()) {
                sessions.put(env.clientId(), new Session(s.seq(), s.result(), clockMillis));
                return s.result();
            }
            if (s != null && env.seq() < s.seq()) return new Result.StaleSession(env.clientId(), env.seq(), revision);
        }
        Result r = execute(index, env.command());
        if (dedupe && env.clientId() != null) sessions.put(env.clientId(), new Session(env.seq(), r, clockMillis));
        return r;
    }

    private void expireSessions() {
        sessions.values().removeIf(s -> clockMillis - s.lastActiveMillis() > sessionExpiryMillis);
    }

    private Result execute(long index, Command c) {
        return switch (c) {
            case Command.Put p -> {
                data.put(p.key(), p.value());
                revision = index;
                yield new Result.Put(revision);
            }
            case Command.Delete d -> {
                boolean deleted = data.remove(d.key()) != null;
                if (deleted) revision = index;
                yield new Result.Delete(revision, deleted);
            }
            case Command.Cas cas -> {
                Object cur = data.get(cas.key());
                boolean ok = cas.expected() == null ? cur == null : cas.expected().equals(cur);
                if (ok) {
                    data.put(cas.key(), cas.next());
                    revision = index;
                }
                yield new Result.Cas(ok, ok ? cas.next() : copy(cur), revision);
            }
            case Command.Txn t -> {
                var out = new ArrayList<MicroOp>(t.ops().size());
                boolean wrote = false;
                for (MicroOp op : t.ops()) {
                    switch (op.f()) {
                        case "r" -> out.add(new MicroOp("r", op.key(), copy(data.get(op.key()))));
                        case "w" -> {
                            data.put(op.key(), op.value());
                            wrote = true;
                            out.add(op);
                        }
                        default -> {
                            Object cur = data.get(op.key());
                            ArrayList<String> list = new ArrayList<>();
                            if (cur instanceof List<?> l) {
                                for (Object o : l) list.add((String) o);
                            } else if (cur instanceof String s) {
                                list.add(s);
                            }
                            list.add((String) op.value());
                            data.put(op.key(), list);
                            wrote = true;
                            out.add(op);
                        }
                    }
                }
                if (wrote) revision = index;
                yield new Result.Txn(out, revision);
            }
        };
    }

    private static Object copy(Object v) {
        return v instanceof List<?> l ? List.copyOf(l) : v;
    }

    // ---- snapshots ----

    public byte[] snapshot() {
        var w = new Bytes.Writer(1024);
        w.i64(revision).i64(clockMillis);
        var sorted = new TreeMap<>(data);
        w.i32(sorted.size());
        for (var e : sorted.entrySet()) {
            w.str(e.getKey());
            if (e.getValue() instanceof List<?> l) {
                w.u8(1).i32(l.size());
                for (Object o : l) w.str((String) o);
            } else {
                w.u8(0).str((String) e.getValue());
            }
        }
        var ss = new TreeMap<>(sessions);
        w.i32(ss.size());
        for (var e : ss.entrySet()) {
            w.str(e.getKey()).i64(e.getValue().seq()).i64(e.getValue().lastActiveMillis());
            w.bytes(ResultCodec.encode(e.getValue().result()));
        }
        return w.toByteArray();
    }

    public void restore(byte[] snap) {
        data.clear();
        sessions.clear();
        if (snap.length == 0) {
            revision = 0;
            clockMillis = 0;
            return;
        }
        var r = new Bytes.Reader(snap);
        revision = r.i64();
        clockMillis = r.i64();
        int n = r.i32();
        for (int i = 0; i < n; i++) {
            String k = r.str();
            if (r.u8() == 1) {
                int m = r.i32();
                var l = new ArrayList<String>(m);
                for (int j = 0; j < m; j++) l.add(r.str());
                data.put(k, l);
            } else {
                data.put(k, r.str());
            }
        }
        int s = r.i32();
        for (int i = 0; i < s; i++) {
            String id = r.str();
            long seq = r.i64();
            long active = r.i64();
            sessions.put(id, new Session(seq, ResultCodec.decode(r.bytes()), active));
        }
    }

    /** For tests: the whole state, to compare replicas. */
    public Map<String, Object> dump() {
        return new TreeMap<>(data);
    }
}
