package io.faultline.raftstore.process;

import io.faultline.raftstore.local.LocalCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pinned HTTP contract, on one real single-member process. */
class HttpApiTest {
    private static LocalCluster c;

    @BeforeAll
    static void start() throws Exception {
        c = new LocalCluster(Files.createTempDirectory("raftstore-http"), 1, List.of());
        c.startAll();
        assertNotNull(c.awaitLeader(60_000));
    }

    @AfterAll
    static void stop() {
        c.close();
    }

    private static Object[] call(String method, String path, String body) {
        return c.call("n1", method, path, body, Duration.ofSeconds(5));
    }

    private static void expect(int status, String bodyPart, Object[] r) {
        assertEquals(status, (int) r[0], String.valueOf(r[1]));
        assertTrue(((String) r[1]).contains(bodyPart), "expected " + bodyPart + " in " + r[1]);
    }

    @Test
    void putGetDeleteWithRevisions() {
        expect(200, "\"value\":null", call("GET", "/kv/absent", null));
        expect(200, "\"revision\":", call("PUT", "/kv/a", "{\"value\":\"1\"}"));
        expect(200, "\"value\":\"1\"", call("GET", "/kv/a", null));
        expect(200, "\"value\":\"1\"", call("GET", "/kv/a?consistency=serializable", null));
        expect(200, "\"deleted\":true", call("DELETE", "/kv/a", null));
        expect(200, "\"deleted\":false", call("DELETE", "/kv/a", null));
    }

    @Test
    void casWithAbsentAndMismatch() {
        expect(200, "\"succeeded\":true", call("POST", "/kv/c/cas", "{\"expected\":null,\"new\":\"x\"}"));
        expect(200, "\"succeeded\":false,\"value\":\"x\"", call("POST", "/kv/c/cas", "{\"expected\":null,\"new\":\"y\"}"));
        expect(200, "\"succeeded\":true,\"value\":\"z\"", call("POST", "/kv/c/cas", "{\"expected\":\"x\",\"new\":\"z\"}"));
    }

    @Test
    void txnReadsWritesAndAppends() {
        expect(200, "[\"r\",\"tl\",[\"1\",\"2\"]]", call("POST", "/txn",
                "{\"ops\":[[\"append\",\"tl\",\"1\"],[\"append\",\"tl\",2],[\"r\",\"tl\",null],[\"w\",\"ty\",\"5\"]]}"));
        expect(200, "\"value\":[\"1\",\"2\"]", call("GET", "/kv/tl", null));
    }

    @Test
    void aRetriedCommandAppliesOnce() {
        String body = "{\"ops\":[[\"append\",\"dl\",\"1\"]]}";
        for (int i = 0; i < 2; i++) {
            Object[] r = c.call("n1", "POST", "/txn", body, Duration.ofSeconds(5));
            assertEquals(200, (int) r[0]);
        }
        // Same request with a session: the second copy must not append again.
        var h = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; i < 2; i++) {
            try {
                var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + c.clientAddr("n1") + "/txn"))
                        .header("Client-Id", "retry-test").header("Client-Seq", "1")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"ops\":[[\"append\",\"sl\",\"1\"]]}")).build();
                assertEquals(200, h.send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        expect(200, "\"value\":[\"1\"]", call("GET", "/kv/sl", null));
        expect(200, "\"value\":[\"1\",\"1\"]", call("GET", "/kv/dl", null));
    }

    /** A bad request is refused with its status and a reason that names what is wrong. */
    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("malformedRequests")
    void malformedRequestsSayWhy(String method, String path, String body, int status, String why) {
        expect(status, why, call(method, path, body));
    }

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                Arguments.of("PUT", "/kv/m", "{\"valu\":\"1\"}", 400, "missing \\\"value\\\""),
                Arguments.of("PUT", "/kv/m", "{\"value\":", 400, "malformed JSON at offset"),
                Arguments.of("PUT", "/kv/m", "{\"value\":[1]}", 400, "\\\"value\\\" must be a string"),
                Arguments.of("POST", "/txn", "{\"ops\":[[\"x\",\"k\",\"1\"]]}", 400, "unknown micro-op"),
                Arguments.of("GET", "/kv/m?consistency=sometimes", null, 400, "consistency must be"),
                Arguments.of("GET", "/nope", null, 404, "no such endpoint"));
    }

    @Test
    void statusNamesRoleTermLeaderAndIndexes() {
        Object[] r = call("GET", "/status", null);
        expect(200, "\"role\":\"leader\"", r);
        for (String f : List.of("\"id\":\"n1\"", "\"term\":", "\"leader\":\"n1\"", "\"commitIndex\":", "\"appliedIndex\":", "\"members\":")) {
            assertTrue(((String) r[1]).contains(f), f + " in " + r[1]);
        }
    }
}
