package io.faultline.stores.raftstore;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.env.Node;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.testing.fake.FakeEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The append client's request, completion shape and fail/info split, against a loopback server answering as raftstore can. */
class AppendClientTest {
    private LoopbackHttp server;
    private final AtomicReference<String> lastBody = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String answer = "{}";
    private Node node;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        server = new LoopbackHttp((ex, body) -> {
            lastBody.set(body);
            return new LoopbackHttp.Reply(status, answer);
        });
        node = new FakeEnvironment(1, dir).nodes().getFirst();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private AppendClient client() {
        AppendClient c = new AppendClient(new AddressOnly(server.address()), new ObjectMapper(), Duration.ofSeconds(5), "append");
        c.open(node);
        return c;
    }

    private static Op txn(List<?>... micro) {
        return new Op(0, 1, 2, OpType.INVOKE, "txn", null, List.of(micro), null, null);
    }

    @Test
    void wholeTxnIsSentAndReadsComeBackAsListsOfLongs() {
        answer = "{\"ops\":[[\"append\",\"a\",\"1\"],[\"r\",\"a\",[\"7\",\"1\"]],[\"r\",\"b\",null]],\"revision\":4}";
        try (AppendClient c = client()) {
            Op done = c.invoke(txn(List.of("append", "a", 1L), Arrays.asList("r", "a", null), Arrays.asList("r", "b", null)));
            assertEquals(OpType.OK, done.type(), done::toString);
            assertEquals("{\"ops\":[[\"append\",\"a\",\"1\"],[\"r\",\"a\",null],[\"r\",\"b\",null]]}", lastBody.get());
            assertEquals(List.of(List.of("append", "a", 1L), List.of("r", "a", List.of(7L, 1L)), List.of("r", "b", List.of())),
                    done.value());
        }
    }

    @Test
    void commitTimeoutIsUnknownForAppendsButAFailureForReadOnlyTxns() {
        status = 504;
        answer = "{\"error\":\"timed out waiting for commit\"}";
        try (AppendClient c = client()) {
            Op write = c.invoke(txn(List.of("append", "a", 1L)));
            assertEquals(OpType.INFO, write.type(), write::toString);
            assertEquals(List.of(List.of("append", "a", 1L)), write.value(), "an unknown txn keeps its invocation");
            assertEquals(OpType.FAIL, c.invoke(txn(Arrays.asList("r", "a", null))).type());
        }
    }

    @Test
    void noLeaderCertainlyFailed() {
        status = 503;
        answer = "{\"error\":\"no leader\"}";
        try (AppendClient c = client()) {
            Op done = c.invoke(txn(List.of("append", "a", 1L), Arrays.asList("r", "a", null)));
            assertEquals(OpType.FAIL, done.type());
            assertTrue(done.error().contains("no leader"), done.error());
        }
    }

    @Test
    void malformedMicroOpsAndPlainValuesAreRejected() {
        answer = "{\"ops\":[[\"r\",\"a\",\"5\"]],\"revision\":4}";
        try (AppendClient c = client()) {
            assertEquals(OpType.FAIL, c.invoke(txn(List.of("w", "a", 1L))).type());
            assertNull(lastBody.get(), "nothing is sent for a malformed txn");
            Op plain = c.invoke(txn(Arrays.asList("r", "a", null)));
            assertEquals(OpType.FAIL, plain.type());
            assertTrue(plain.error().contains("plain value"), plain.error());
        }
    }
}
