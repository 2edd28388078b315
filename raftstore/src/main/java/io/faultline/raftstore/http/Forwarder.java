package io.faultline.raftstore.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A follower's HTTP/1.1 client to the leader: blocking sockets on the calling (virtual) thread,
 * kept alive in a pool per address. It replaced the JDK HttpClient, whose selector thread and
 * executor hand-offs were the top of a follower's profile when two thirds of a run's requests
 * arrive at followers (docs/notes/compare.md). It speaks only to raftstore's own server
 * ({@link Http1Server}), which always answers with a Content-Length.
 */
final class Forwarder implements AutoCloseable {
    /**
     * A pooled connection idle this long is closed rather than reused: well inside the server's
     * idle timeout, so a forwarded write never meets a connection the leader has just closed.
     */
    private static final long MAX_IDLE_NANOS = 20_000_000_000L;
    private static final int MAX_HEAD = 64 << 10;
    private static final int MAX_BODY = 64 << 20;

    /** The leader's answer. */
    record Answer(int status, byte[] body, boolean keepAlive) {
    }

    private static final class Conn {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        long idleSince;

        Conn(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 8192);
            this.out = socket.getOutputStream();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing is best effort
            }
        }
    }

    private final Map<String, Deque<Conn>> idle = new ConcurrentHashMap<>();
    private final int connectTimeoutMs;
    private volatile boolean closed;

    Forwarder(int connectTimeoutMs) {
        this.connectTimeoutMs = connectTimeoutMs;
    }

    /**
     * Sends one request and reads its answer. Throws {@link java.net.ConnectException} (refused or
     * timed out) or {@link java.net.NoRouteToHostException} when the request certainly was not sent
     * (the caller's 503), {@link java.net.SocketTimeoutException} when no answer came within
     * {@code timeoutMs}, any other {@link IOException} when the connection was lost after sending.
     */
    Answer send(String host, int port, String method, String target, Map<String, String> headers, byte[] body, int timeoutMs)
            throws IOException {
        String address = host + ":" + port;
        Conn c = pooled(address);
        if (c == null) c = connect(host, port);
        boolean reusable = false;
        try {
            c.socket.setSoTimeout(timeoutMs);
            StringBuilder h = new StringBuilder(256).append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ")
                    .append(address).append("\r\nContent-Length: ").append(body.length).append("\r\n");
            headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
            h.append("\r\n");
            c.out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
            c.out.write(body);
            c.out.flush();
            Answer a = read(c.in);
            reusable = a.keepAlive();
            return a;
        } finally {
            if (reusable && !closed) {
                c.idleSince = System.nanoTime();
                idle.computeIfAbsent(address, k -> new ConcurrentLinkedDeque<>()).push(c);
            } else {
                c.close();
            }
        }
    }

    private Conn pooled(String address) {
        Deque<Conn> d = idle.get(address);
        if (d == null) return null;
        long now = System.nanoTime();
        for (Conn c; (c = d.poll()) != null; ) {
            if (now - c.idleSince < MAX_IDLE_NANOS && !c.socket.isClosed()) return c;
            c.close();
        }
        return null;
    }

    private Conn connect(String host, int port) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), connectTimeoutMs);
            return new Conn(s);
        } catch (java.net.SocketTimeoutException e) {
            s.close();
            throw new java.net.ConnectException("connect to " + host + ":" + port + " timed out");
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** The status and body; a reply without a Content-Length fails (raftstore's server always sends one). */
    private static Answer read(InputStream in) throws IOException {
        String status = line(in);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) throw new IOException("not an HTTP answer: " + status);
        int code;
        try {
            code = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad status line: " + status);
        }
        int length = -1;
        boolean close = false;
        for (String l; !(l = line(in)).isEmpty(); ) {
            int colon = l.indexOf(':');
            if (colon < 0) continue;
            String name = l.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = l.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                try {
                    length = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new IOException("bad Content-Length: " + value);
                }
            } else if (name.equals("connection") && value.equalsIgnoreCase("close")) {
                close = true;
            }
        }
        if (length < 0 || length > MAX_BODY) throw new IOException("the leader answered without a usable Content-Length");
        byte[] body = in.readNBytes(length);
        if (body.length < length) throw new EOFException("the leader closed the connection mid-answer");
        return new Answer(code, body, !close);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        for (int c; ; ) {
            c = in.read();
            if (c < 0) throw new EOFException("the leader closed the connection");
            if (c == '\n') break;
            if (c != '\r') b.write(c);
            if (b.size() > MAX_HEAD) throw new IOException("answer header too long");
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        closed = true;
        idle.values().forEach(d -> d.forEach(Conn::close));
        idle.clear();
    }
}
