package io.faultline.raftstore.kv;

import java.util.ArrayList;
import java.util.List;

/** A state-machine command as it travels in the Raft log. */
public sealed interface Command {
    record Put(String key, String value) implements Command { }

    record Delete(String key) implements Command { }

    /** expected null means "key absent". */
    record Cas(String key, String expected, String next) implements Command { }

    record Txn(List<MicroOp> ops) implements Command {
        public Txn {
            ops = List.copyOf(ops);
        }
    }

    /**
     * What is logged: the command plus its client session (clientId null: no session) and the
     * leader's clock when proposed, which drives session expiry identically on every replica.
     */
    record Envelope(String clientId, long seq, long timeMillis, Command command) {
        public byte[] encode() {
            var w = new Bytes.Writer(64);
            w.str(clientId).i64(seq).i64(timeMillis);
            switch (command) {
                case Put p -> w.u8(1).str(p.key()).str(p.value());
                case Delete d -> w.u8(2).str(d.key());
                case Cas c -> w.u8(3).str(c.key()).str(c.expected()).str(c.next());
                case Txn t -> {
                    w.u8(4).i32(t.ops().size());
                    for (MicroOp op : t.ops()) w.str(op.f()).str(op.key()).str((String) op.value());
                }
            }
            return w.toByteArray();
        }

        public static Envelope decode(byte[] data) {
            var r = new Bytes.Reader(data);
            String client = r.str();
            long seq = r.i64();
            long time = r.i64();
            int type = r.u8();
            Command c = switch (type) {
                case 1 -> new Put(r.str(), r.str());
                case 2 -> new Delete(r.str());
                case 3 -> new Cas(r.str(), r.str(), r.str());
                case 4 -> {
                    int n = r.i32();
                    var ops = new ArrayList<MicroOp>(n);
                    for (int i = 0; i < n; i++) ops.add(new MicroOp(r.str(), r.str(), r.str()));
                    yield new Txn(ops);
                }
                default -> throw new IllegalArgumentException("unknown command type " + type);
            };
            return new Envelope(client, seq, time, c);
        }
    }
}
