package io.faultline.raftstore.kv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A small growable big-endian byte writer and its reader; the binary format of commands and snapshots. */
public final class Bytes {
    private Bytes() { }

    public static final class Writer {
        private byte[] buf;
        private int len;

        public Writer(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        private void ensure(int n) {
            if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }

        public Writer u8(int v) {
            ensure(1);
            buf[len++] = (byte) v;
            return this;
        }

        public Writer i32(int v) {
            ensure(4);
            buf[len++] = (byte) (v >>> 24);
            buf[len++] = (byte) (v >>> 16);
            buf[len++] = (byte) (v >>> 8);
            buf[len++] = (byte) v;
            return this;
        }

        public Writer i64(long v) {
            i32((int) (v >>> 32));
            return i32((int) v);
        }

        public Writer bytes(byte[] b) {
            i32(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
            return this;
        }

        /** A nullable string: length -1 for null. */
        public Writer str(String s) {
            if (s == null) return i32(-1);
            return bytes(s.getBytes(StandardCharsets.UTF_8));
        }

        public byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }

        public int length() {
            return len;
        }
    }

    public static final class Reader {
        private final byte[] buf;
        private int pos;

        public Reader(byte[] buf) {
            this.buf = buf;
        }

        private void need(int n) {
            if (pos + n > buf.length) {
                throw new IllegalArgumentException("truncated data: need " + n + " bytes at offset " + pos + " of " + buf.length);
            }
        }

        public int u8() {
            need(1);
            return buf[pos++] & 0xff;
        }

        public int i32() {
            need(4);
            int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
            pos += 4;
            return v;
        }

        public long i64() {
            long hi = i32() & 0xffffffffL;
            long lo = i32() & 0xffffffffL;
            return (hi << 32) | lo;
        }

        public byte[] bytes() {
            int n = i32();
            if (n < 0) throw new IllegalArgumentException("negative length " + n + " at offset " + (pos - 4));
            need(n);
            byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return b;
        }

        public String str() {
            int n = i32();
            if (n == -1) return null;
            if (n < 0) throw new IllegalArgumentException("negative length " + n + " at offset " + (pos - 4));
            need(n);
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        public boolean done() {
            return pos == buf.length;
        }
    }
}
