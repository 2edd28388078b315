package io.faultline.raftstore.http;

import io.faultline.raftstore.net.HostPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP/1.1 server on raw sockets: framing, keep-alive, pipelining, chunked bodies, 100-continue, limits. */
class Http1ServerTest {
    private Http1Server server;
    private int port;

    /** Echoes what it parsed, so each test can see exactly what the server read. */
    private static Response echo(Request r) {
        String s = r.method() + " " + r.path() + " q=" + r.query() + " id=" + r.header("CLIENT-ID") + " body="
                + new String(r.body(), StandardCharsets.UTF_8);
        return new Response(r.path().equals("/missing") ? 404 : 200, s.getBytes(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void start() throws IOException {
        try (var s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = new Http1Server(new HostPort("127.0.0.1", port), Http1ServerTest::echo, 4);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Sends raw bytes, then reads until the server closes or goes quiet for 1 s. */
    private String exchange(String raw) throws IOException {
        try (var s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            return readAll(s, 1000);
        }
    }

    private static String readAll(Socket s, int quietMs) throws IOException {
        s.setSoTimeout(quietMs);
        var out = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) out.write(buf, 0, n);
        } catch (SocketTimeoutException e) {
            // quiet: the connection is kept alive
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void pipelinedKeepAliveRequestsAreAnsweredInOrderWithLengths() throws IOException {
        String r = exchange("PUT /kv/a?x=1 HTTP/1.1\r\nHost: h\r\nClient-Id: c7\r\nContent-Length: 5\r\n\r\nhello"
                + "GET /missing HTTP/1.1\r\n\r\n"
                + "GET /last HTTP/1.1\r\nConnection: close\r\n\r\n");
        String first = "PUT /kv/a q=x=1 id=c7 body=hello";
        assertTrue(r.startsWith("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + first.length()
                + "\r\n\r\n" + first), r);
        int second = r.indexOf("HTTP/1.1 404 Not Found\r\n");
        int third = r.indexOf("HTTP/1.1 200 OK\r\n", second);
        assertTrue(second > 0 && third > second, r);
        assertTrue(r.substring(third).contains("Connection: close\r\n"), r);
        assertTrue(r.endsWith("GET /last q=null id=null body="), r);
    }

    @Test
    void chunkedBodiesAreReassembled() throws IOException {
        String r = exchange("POST /txn HTTP/1.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "4;ext=1\r\n{\"a\"\r\nB\r\n:\"0123456\"}\r\n0\r\nTrailer: x\r\n\r\n");
        assertTrue(r.endsWith("body={\"a\":\"0123456\"}"), r);
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBodyIsRead() throws IOException {
        try (var s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write("PUT /kv/b HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String interim = readAll(s, 500);
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", interim);
            s.getOutputStream().write("ok".getBytes(StandardCharsets.US_ASCII));
            assertTrue(readAll(s, 500).endsWith("body=ok"));
        }
    }

    @Test
    void http10ClosesUnlessKeepAliveIsAsked() throws IOException {
        assertTrue(exchange("GET /a HTTP/1.0\r\n\r\n").contains("Connection: close\r\n"));
        String kept = exchange("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /b HTTP/1.0\r\n\r\n");
        assertTrue(kept.contains("body=") && kept.indexOf("GET /b") > 0, kept);
    }

    @Test
    void malformedRequestsGetAStatusThatSaysWhy() throws IOException {
        assertTrue(exchange("NONSENSE\r\n\r\n").startsWith("HTTP/1.1 400 Bad Request"));
        assertTrue(exchange("NONSENSE\r\n\r\n").contains("expected METHOD /path HTTP/1.1"));
        assertTrue(exchange("GET /a HTTP/3\r\n\r\n").startsWith("HTTP/1.1 505"));
        assertTrue(exchange("PUT /a HTTP/1.1\r\nContent-Length: x\r\n\r\n").contains("Content-Length \\\"x\\\" is not a number"));
        assertTrue(exchange("PUT /a HTTP/1.1\r\nContent-Length: 999999999999\r\n\r\n").startsWith("HTTP/1.1 413"));
        assertTrue(exchange("PUT /a HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n").startsWith("HTTP/1.1 501"));
        assertTrue(exchange("GET /a HTTP/1.1\r\nno colon here\r\n\r\n").contains("expected Name: value"));
        assertTrue(exchange("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\n\r\n").contains("longer than"));
    }

    @Test
    void connectionsBeyondTheLimitGet503AndTheOthersKeepWorking() throws Exception {
        var held = new ArrayList<Socket>();
        try {
            for (int i = 0; i < 4; i++) {
                var s = new Socket("127.0.0.1", port);
                s.getOutputStream().write("GET /hold HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertTrue(readAll(s, 300).contains("200 OK")); // served, and kept open
                held.add(s);
            }
            String refused = exchange("GET /one-too-many HTTP/1.1\r\n\r\n");
            assertTrue(refused.startsWith("HTTP/1.1 503") && refused.contains("at most 4"), refused);
            held.getFirst().getOutputStream().write("GET /again HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(readAll(held.getFirst(), 300).endsWith("GET /again q=null id=null body="));
        } finally {
            for (Socket s : held) s.close();
        }
    }

    @Test
    void theJdkClientTalksToIt() throws Exception {
        // HTTP/2 is the JDK client's default: it asks to upgrade, and the server answers in HTTP/1.1.
        var client = HttpClient.newHttpClient();
        for (String body : List.of("", "x".repeat(100_000))) {
            var resp = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/kv/k"))
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).header("Client-Id", "j").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, resp.statusCode());
            assertEquals("PUT /kv/k q=null id=j body=" + body, resp.body());
        }
    }
}
