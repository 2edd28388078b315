package io.faultline.raftstore.http;

import io.faultline.raftstore.net.Closing;
import io.faultline.raftstore.net.HostPort;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small blocking HTTP/1.1 server: one platform thread per connection reads a request, calls
 * the handler on that same thread and writes the response in one flush, with keep-alive. It
 * replaces the JDK HttpServer, whose selector thread hands each request to an executor and takes
 * the connection back after the response: two extra thread wake-ups per request, which on a
 * loaded 2-core machine were a visible share of a linearizable get's latency. Requests carry
 * Content-Length or chunked bodies; {@code Expect: 100-continue} is answered. The number of
 * connections is bounded (beyond it a connection gets 503 and is closed), and so are line,
 * header and body sizes (400/413 naming the limit).
 */
public final class Http1Server implements AutoCloseable {
    private static final int MAX_LINE = 16 << 10;
    private static final int MAX_HEADERS = 100;
    private static final int MAX_BODY = 64 << 20;
    /**
     * A keep-alive connection idle this long is closed. Longer than the JDK server's 30 s: a
     * client that sends a PUT just as the server closes its idle connection gets an I/O error it
     * must record as an unknown outcome, so the rarer the better; idle threads are bounded by the
     * connection limit.
     */
    private static final int IDLE_TIMEOUT_MS = 300_000;

    private final ServerSocket server;
    private final Function<Request, Response> handler;
    private final int maxConnections;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** A request the server itself refuses, with the status and why. */
    private static final class Malformed extends Exception {
        final int status;

        Malformed(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    public Http1Server(HostPort addr, Function<Request, Response> handler, int maxConnections) throws IOException {
        this.handler = handler;
        this.maxConnections = maxConnections;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(addr.host(), addr.port()), 1024);
        Thread.ofPlatform().daemon().name("http-accept").start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                continue; // closed, or a connection reset before accept; the loop condition decides
            }
            try {
                s.setTcpNoDelay(true);
                if (open.size() >= maxConnections) {
                    refuse(s);
                    continue;
                }
                open.add(s);
                Thread.ofPlatform().daemon().name("http-conn").start(() -> serve(s));
            } catch (IOException | RuntimeException e) {
                open.remove(s);
                Closing.quietly(s);
            }
        }
    }

    private void refuse(Socket s) {
        try (s; OutputStream out = s.getOutputStream()) {
            writeResponse(out, new Response(503, json("too many connections (at most " + maxConnections + ")")), false);
        } catch (IOException ignored) {
            // the client went away; nothing to tell it
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(IDLE_TIMEOUT_MS);
            InputStream in = new BufferedInputStream(s.getInputStream(), 16 << 10);
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 16 << 10);
            var line = new StringBuilder(128);
            while (!closed) {
                Request req;
                boolean keepAlive;
                try {
                    String requestLine = readLine(in, line, true);
                    if (requestLine == null) return; // the client closed between requests
                    if (requestLine.isEmpty()) continue; // a stray CRLF between requests is allowed
                    String[] parts = requestLine.split(" ");
                    if (parts.length != 3 || !parts[1].startsWith("/")) {
                        throw new Malformed(400, "request line \"" + requestLine + "\": expected METHOD /path HTTP/1.1");
                    }
                    String version = parts[2];
                    if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
                        throw new Malformed(505, "HTTP version " + version + " not supported (HTTP/1.1 or HTTP/1.0)");
                    }
                    Map<String, String> headers = readHeaders(in, line);
                    String connection = headers.getOrDefault("connection", "");
                    keepAlive = version.equals("HTTP/1.1") ? !connection.equalsIgnoreCase("close")
                            : connection.equalsIgnoreCase("keep-alive");
                    if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
                        out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    req = new Request(parts[0], parts[1], headers, readBody(in, headers, line));
                } catch (Malformed e) {
                    writeResponse(out, new Response(e.status, json(e.getMessage())), false);
                    return;
                } catch (SocketTimeoutException e) {
                    return; // idle keep-alive connection
                }
                Response resp;
                try {
                    resp = handler.apply(req);
                } catch (RuntimeException e) {
                    resp = new Response(500, json("internal error: " + e));
                }
                writeResponse(out, resp, keepAlive);
                if (!keepAlive) return;
            }
        } catch (IOException e) {
            // connection reset or closed by the client: nothing left to answer
        } finally {
            open.remove(s);
        }
    }

    /** One line without its CRLF (a bare LF is accepted), or null at end of stream when {@code eofOk}. */
    private static String readLine(InputStream in, StringBuilder sb, boolean eofOk) throws IOException, Malformed {
        sb.setLength(0);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (eofOk && sb.isEmpty()) return null;
                throw new EOFException("connection closed mid-request");
            }
            if (b == '\n') {
                int n = sb.length();
                if (n > 0 && sb.charAt(n - 1) == '\r') sb.setLength(n - 1);
                return sb.toString();
            }
            if (sb.length() >= MAX_LINE) throw new Malformed(400, "request line or header longer than " + MAX_LINE + " bytes");
            sb.append((char) b); // request lines and headers are ASCII (ISO-8859-1 at most)
        }
    }

    private static Map<String, String> readHeaders(InputStream in, StringBuilder sb) throws IOException, Malformed {
        var headers = new HashMap<String, String>();
        for (int n = 0; ; n++) {
            String h = readLine(in, sb, false);
            if (h.isEmpty()) return headers;
            if (n >= MAX_HEADERS) throw new Malformed(400, "more than " + MAX_HEADERS + " headers");
            int colon = h.indexOf(':');
            if (colon <= 0) throw new Malformed(400, "header \"" + h + "\": expected Name: value");
            headers.putIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
    }

    private static byte[] readBody(InputStream in, Map<String, String> headers, StringBuilder sb) throws IOException, Malformed {
        String te = headers.get("transfer-encoding");
        if (te != null) {
            if (!te.equalsIgnoreCase("chunked")) throw new Malformed(501, "Transfer-Encoding " + te + " not supported (chunked only)");
            return readChunked(in, sb);
        }
        String cl = headers.get("content-length");
        if (cl == null) return new byte[0];
        long n;
        try {
            n = Long.parseLong(cl);
        } catch (NumberFormatException e) {
            throw new Malformed(400, "Content-Length \"" + cl + "\" is not a number");
        }
        if (n < 0) throw new Malformed(400, "Content-Length " + n + " is negative");
        if (n > MAX_BODY) throw new Malformed(413, "body of " + n + " bytes is larger than " + MAX_BODY);
        byte[] body = in.readNBytes((int) n);
        if (body.length != n) throw new EOFException("connection closed mid-body");
        return body;
    }

    private static byte[] readChunked(InputStream in, StringBuilder sb) throws IOException, Malformed {
        var body = new java.io.ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in, sb, false);
            int semi = sizeLine.indexOf(';'); // chunk extensions are ignored
            String hex = (semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new Malformed(400, "chunk size \"" + hex + "\" is not hexadecimal");
            }
            if (size < 0 || body.size() + (long) size > MAX_BODY) throw new Malformed(413, "chunked body larger than " + MAX_BODY + " bytes");
            if (size == 0) {
                while (!readLine(in, sb, false).isEmpty()) {
                    // trailers are ignored
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) throw new EOFException("connection closed mid-chunk");
            body.write(chunk);
            if (!readLine(in, sb, false).isEmpty()) throw new Malformed(400, "chunk of " + size + " bytes not followed by CRLF");
        }
    }

    private static void writeResponse(OutputStream out, Response r, boolean keepAlive) throws IOException {
        byte[] body = r.body() == null ? new byte[0] : r.body();
        String head = "HTTP/1.1 " + r.status() + " " + reason(r.status()) + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + (keepAlive ? "" : "Connection: close\r\n")
                + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush(); // one write for head and body: no small segment left waiting on a delayed ACK
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status " + status;
        };
    }

    private static byte[] json(String error) {
        return Json.write(Json.obj("error", error)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closed = true;
        Closing.quietly(server);
        for (Socket s : open) Closing.quietly(s);
    }
}
