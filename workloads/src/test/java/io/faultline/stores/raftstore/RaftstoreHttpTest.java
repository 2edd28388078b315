package io.faultline.stores.raftstore;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.history.Errors;
import io.faultline.history.OpType;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failure classification against a loopback HTTP server that answers the way raftstore can. */
class RaftstoreHttpTest {
    private LoopbackHttp server;
    private String address;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackHttp((ex, request) -> {
            String path = ex.getRequestURI().getPath();
            int status = switch (path) {
                case "/503" -> 503;
                case "/504" -> 504;
                case "/400" -> 400;
                case "/500" -> 500;
                default -> 200;
            };
            if (path.equals("/slow")) {
                try {
                    Thread.sleep(6000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new LoopbackHttp.Reply(status, status == 200 ? "{\"value\":\"3\"}" : "{\"error\":\"because " + status + "\"}");
        });
        address = server.address();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Generous limits: a busy machine must not turn an answer into a timeout. */
    private RaftstoreHttp http(String addr) {
        return new RaftstoreHttp(addr, new ObjectMapper(), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    private static RaftstoreHttp.Reply.Failed failed(RaftstoreHttp.Reply r) {
        return assertInstanceOf(RaftstoreHttp.Reply.Failed.class, r);
    }

    @Test
    void okBodiesAreParsed() {
        try (RaftstoreHttp h = http(address)) {
            RaftstoreHttp.Reply.Ok ok = assertInstanceOf(RaftstoreHttp.Reply.Ok.class, h.get("/kv/x"));
            assertEquals(3L, Values.fromStore(ok.body().get("value")));
        }
    }

    @Test
    void noLeaderAndBadRequestCertainlyFailed() {
        try (RaftstoreHttp h = http(address)) {
            RaftstoreHttp.Reply.Failed f = failed(h.send("PUT", "/503", Map.of("value", "1"), true));
            assertEquals(OpType.FAIL, f.type());
            assertEquals("http 503: because 503", f.error());
            assertEquals(OpType.FAIL, failed(h.send("PUT", "/400", Map.of("value", "1"), true)).type());
        }
    }

    @Test
    void commitTimeoutAndServerErrorsAreUnknownForWritesButFailForReads() {
        try (RaftstoreHttp h = http(address)) {
            assertEquals(OpType.INFO, failed(h.send("PUT", "/504", Map.of("value", "1"), true)).type());
            assertEquals(OpType.INFO, failed(h.send("PUT", "/500", Map.of("value", "1"), true)).type());
            assertEquals(OpType.FAIL, failed(h.get("/504")).type(), "a read changes nothing, so it simply failed");
        }
    }

    @Test
    void requestTimeoutIsUnknown() {
        try (RaftstoreHttp h = new RaftstoreHttp(address, new ObjectMapper(), Duration.ofSeconds(5), Duration.ofSeconds(1))) {
            RaftstoreHttp.Reply.Failed f = failed(h.send("PUT", "/slow", Map.of("value", "1"), true));
            assertEquals(OpType.INFO, f.type());
            assertEquals(Errors.TIMED_OUT, f.error());
        }
    }

    @Test
    void refusedConnectionCertainlyFailed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (RaftstoreHttp h = http("127.0.0.1:" + port)) {
            RaftstoreHttp.Reply.Failed f = failed(h.send("PUT", "/kv/x", Map.of("value", "1"), true));
            assertEquals(OpType.FAIL, f.type(), f.error());
        }
    }

    @Test
    void connectionDroppedAfterSendingIsUnknown() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = Thread.ofVirtual().start(() -> {
                try (Socket c = s.accept()) {
                    c.getInputStream().read(new byte[1024]); // take the request, then hang up without answering
                } catch (Exception e) {
                    // test ends
                }
            });
            try (RaftstoreHttp h = http("127.0.0.1:" + s.getLocalPort())) {
                RaftstoreHttp.Reply.Failed f = failed(h.send("PUT", "/kv/x", Map.of("value", "1"), true));
                assertEquals(OpType.INFO, f.type(), f.error());
            }
            t.join(2000);
        }
    }
}
