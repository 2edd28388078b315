package io.faultline.raftstore.net;

import io.faultline.raftstore.raft.Entry;
import io.faultline.raftstore.raft.Membership;
import io.faultline.raftstore.raft.Message;
import io.faultline.raftstore.raft.Snapshot;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;

/**
 * Peer frames: {@code [length:4][type:1][fields]}. Strings are length-prefixed UTF-8 (-1 = null).
 * Type 0 is the hello a dialing node sends first: its id and client address, which is how
 * followers learn where to forward client requests.
 */
public final class MessageCodec {
    private MessageCodec() { }

    static final int HELLO = 0;

    /** The hello frame a dialing node sends first. */
    static ByteBuffer hello(String id, String clientAddr) {
        var b = new java.io.ByteArrayOutputStream();
        var d = new DataOutputStream(b);
        try {
            d.writeInt(0); // length, patched below
            d.writeByte(HELLO);
            str(d, id);
            str(d, clientAddr);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        ByteBuffer frame = ByteBuffer.wrap(b.toByteArray());
        frame.putInt(0, frame.capacity() - 4);
        return frame;
    }

    /**
     * Encodes one frame into {@code out} (position advanced, read mode untouched), growing it when
     * the frame does not fit; returns the buffer to use from now on.
     */
    static ByteBuffer append(ByteBuffer out, Message m, ReusableBuffer scratch) {
        try {
            encode(m, scratch);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        int need = 4 + scratch.size();
        if (out.remaining() < need) {
            var bigger = ByteBuffer.allocateDirect(Math.max(out.capacity() * 2, out.position() + need));
            out.flip();
            bigger.put(out);
            out = bigger;
        }
        out.putInt(scratch.size());
        scratch.copyTo(out);
        return out;
    }

    private static void encode(Message m, ReusableBuffer scratch) throws IOException {
        scratch.reset();
        DataOutputStream d = scratch.data();
        switch (m) {
            case Message.VoteRequest v -> {
                head(d, 1, m);
                d.writeLong(v.lastIndex());
                d.writeLong(v.lastTerm());
                d.writeBoolean(v.preVote());
                d.writeBoolean(v.transfer());
            }
            case Message.VoteResponse v -> {
                head(d, 2, m);
                d.writeBoolean(v.granted());
                d.writeBoolean(v.preVote());
            }
            case Message.Append a -> {
                head(d, 3, m);
                d.writeLong(a.prevIndex());
                d.writeLong(a.prevTerm());
                d.writeLong(a.commit());
                d.writeInt(a.entries().size());
                for (Entry e : a.entries()) {
                    d.writeLong(e.term());
                    d.writeLong(e.index());
                    d.writeByte(e.type() == Entry.Type.CONF ? 1 : 0);
                    d.writeInt(e.data().length);
                    d.write(e.data());
                }
            }
            case Message.AppendResponse r -> {
                head(d, 4, m);
                d.writeBoolean(r.success());
                d.writeLong(r.index());
                d.writeLong(r.conflictTerm());
                d.writeLong(r.conflictIndex());
            }
            case Message.Heartbeat h -> {
                head(d, 5, m);
                d.writeLong(h.commit());
                d.writeLong(h.readSeq());
            }
            case Message.HeartbeatResponse h -> {
                head(d, 6, m);
                d.writeLong(h.readSeq());
            }
            case Message.InstallSnapshot s -> {
                head(d, 7, m);
                Snapshot sn = s.snapshot();
                d.writeLong(sn.index());
                d.writeLong(sn.term());
                byte[] mem = sn.membership().encode();
                d.writeInt(mem.length);
                d.write(mem);
                d.writeInt(sn.data().length);
                d.write(sn.data());
            }
            case Message.TimeoutNow t -> head(d, 8, m);
        }
    }

    private static void head(DataOutputStream d, int type, Message m) throws IOException {
        d.writeByte(type);
        str(d, m.from());
        str(d, m.to());
        d.writeLong(m.term());
    }

    private static void str(DataOutputStream d, String s) throws IOException {
        if (s == null) {
            d.writeShort(-1);
            return;
        }
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        d.writeShort(b.length);
        d.write(b);
    }

    private static String str(DataInputStream in) throws IOException {
        int n = in.readShort();
        if (n < 0) return null;
        byte[] b = in.readNBytes(n);
        if (b.length != n) throw new IOException("truncated frame");
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A decoded frame: a message, or a hello (id, client address). */
    sealed interface Frame { }

    record MessageFrame(Message message) implements Frame { }

    record Hello(String id, String clientAddr) implements Frame { }

    static Frame read(DataInputStream in, int maxFrame) throws IOException {
        int len = in.readInt();
        if (len <= 0 || len > maxFrame) throw new IOException("bad frame length " + len);
        int type = in.readUnsignedByte();
        if (type == HELLO) return new Hello(str(in), str(in));
        String from = str(in);
        String to = str(in);
        long term = in.readLong();
        Message m = switch (type) {
            case 1 -> new Message.VoteRequest(from, to, term, in.readLong(), in.readLong(), in.readBoolean(), in.readBoolean());
            case 2 -> new Message.VoteResponse(from, to, term, in.readBoolean(), in.readBoolean());
            case 3 -> {
                long prevIndex = in.readLong();
                long prevTerm = in.readLong();
                long commit = in.readLong();
                int n = in.readInt();
                var es = new ArrayList<Entry>(n);
                for (int k = 0; k < n; k++) {
                    long t = in.readLong();
                    long idx = in.readLong();
                    Entry.Type et = in.readByte() == 1 ? Entry.Type.CONF : Entry.Type.NORMAL;
                    byte[] data = new byte[in.readInt()];
                    in.readFully(data);
                    es.add(new Entry(t, idx, et, data));
                }
                yield new Message.Append(from, to, term, prevIndex, prevTerm, es, commit);
            }
            case 4 -> new Message.AppendResponse(from, to, term, in.readBoolean(), in.readLong(), in.readLong(), in.readLong());
            case 5 -> new Message.Heartbeat(from, to, term, in.readLong(), in.readLong());
            case 6 -> new Message.HeartbeatResponse(from, to, term, in.readLong());
            case 7 -> {
                long idx = in.readLong();
                long t = in.readLong();
                byte[] mem = new byte[in.readInt()];
                in.readFully(mem);
                byte[] data = new byte[in.readInt()];
                in.readFully(data);
                yield new Message.InstallSnapshot(from, to, term, new Snapshot(idx, t, Membership.decode(mem), data));
            }
            case 8 -> new Message.TimeoutNow(from, to, term);
            default -> throw new IOException("unknown frame type " + type);
        };
        return new MessageFrame(m);
    }
}
