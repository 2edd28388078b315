package io.faultline.raftstore.kv;

import java.util.ArrayList;
import java.util.List;

/** Binary form of results, kept in session records of snapshots. */
final class ResultCodec {
    private ResultCodec() { }

    static byte[] encode(Result r) {
        var w = new Bytes.Writer(32);
        switch (r) {
            case Result.Put p -> w.u8(1).i64(p.revision());
            case Result.Delete d -> w.u8(2).i64(d.revision()).u8(d.deleted() ? 1 : 0);
            case Result.Cas c -> {
                w.u8(3).i64(c.revision()).u8(c.succeeded() ? 1 : 0);
                value(w, c.value());
            }
            case Result.Txn t -> {
                w.u8(4).i64(t.revision()).i32(t.ops().size());
                for (MicroOp op : t.ops()) {
                    w.str(op.f()).str(op.key());
                    value(w, op.value());
                }
            }
            case Result.Read rd -> {
                w.u8(5).i64(rd.revision()).str(rd.key());
                value(w, rd.value());
            }
            case Result.StaleSession s -> w.u8(6).i64(s.revision()).str(s.clientId()).i64(s.seq());
        }
        return w.toByteArray();
    }

    static Result decode(byte[] b) {
        var r = new Bytes.Reader(b);
        int t = r.u8();
        long rev = r.i64();
        return switch (t) {
            case 1 -> new Result.Put(rev);
            case 2 -> new Result.Delete(rev, r.u8() == 1);
            case 3 -> {
                boolean ok = r.u8() == 1;
                yield new Result.Cas(ok, value(r), rev);
            }
            case 4 -> {
                int n = r.i32();
                var ops = new ArrayList<MicroOp>(n);
                for (int i = 0; i < n; i++) {
                    String f = r.str();
                    String k = r.str();
                    ops.add(new MicroOp(f, k, value(r)));
                }
                yield new Result.Txn(ops, rev);
            }
            case 5 -> {
                String k = r.str();
                yield new Result.Read(k, value(r), rev);
            }
            case 6 -> new Result.StaleSession(r.str(), r.i64(), rev);
            default -> throw new IllegalArgumentException("unknown result type " + t);
        };
    }

    private static void value(Bytes.Writer w, Object v) {
        if (v instanceof List<?> l) {
            w.u8(1).i32(l.size());
            for (Object o : l) w.str((String) o);
        } else {
            w.u8(0).str((String) v);
        }
    }

    private static Object value(Bytes.Reader r) {
        if (r.u8() == 1) {
            int n = r.i32();
            var l = new ArrayList<String>(n);
            for (int i = 0; i < n; i++) l.add(r.str());
            return List.copyOf(l);
        }
        return r.str();
    }
}
