package io.faultline.stores.raftstore;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.db.Db;
import io.faultline.env.Node;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.testing.fake.FakeEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client sessions: a command whose outcome is unknown is re-sent with the same Client-Id and
 * Client-Seq (so raftstore applies it once), a certain failure is not re-sent, and the next
 * command takes the next sequence number. Against a loopback server that answers with a scripted
 * list of statuses and records the session headers of every request.
 */
class ClientSessionRetryTest {
    private record Seen(String method, String path, String clientId, String seq) { }

    private LoopbackHttp server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    /** Statuses to answer, in order; 200 once exhausted. */
    private final Deque<Integer> script = new ArrayDeque<>();
    private volatile String okBody = "{\"revision\":7}";
    /** How long the server sits on each request before answering. */
    private volatile long silentMs;
    private Node node;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        server = new LoopbackHttp((ex, body) -> {
            seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                    ex.getRequestHeaders().getFirst("Client-Id"), ex.getRequestHeaders().getFirst("Client-Seq")));
            if (silentMs > 0) {
                try {
                    Thread.sleep(silentMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer s;
            synchronized (script) {
                s = script.pollFirst();
            }
            int status = s == null ? 200 : s;
            return new LoopbackHttp.Reply(status, status == 200 ? okBody : "{\"error\":\"scripted " + status + "\"}");
        });
        node = new FakeEnvironment(1, dir).nodes().getFirst();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void answer(Integer... statuses) {
        synchronized (script) {
            script.addAll(List.of(statuses));
        }
    }

    private <C extends RaftstoreClient> C open(C c) {
        c.open(node);
        return c;
    }

    private Db db() {
        return new AddressOnly(server.address());
    }

    private static Op inv(String f, String key, Object value) {
        return new Op(0, 0, 1, OpType.INVOKE, f, key, value, null, null);
    }

    @Test
    void unknownOutcomeIsResentWithTheSameSessionAndSequence() {
        SetClient c = open(new SetClient(db(), new ObjectMapper(), Duration.ofSeconds(5)));
        answer(504);
        Op done = c.invoke(inv("add", "s0", 1L));
        assertEquals(OpType.OK, done.type(), done.toString());
        assertEquals(2, seen.size(), seen.toString());
        Seen first = seen.get(0);
        Seen again = seen.get(1);
        assertNotNull(first.clientId(), "a mutating request must carry Client-Id");
        assertEquals(c.clientId(), first.clientId());
        assertEquals("1", first.seq());
        assertEquals(first.clientId(), again.clientId());
        assertEquals(first.seq(), again.seq(), "the retry must reuse the Client-Seq of the unknown send");

        Op next = c.invoke(inv("add", "s0", 2L));
        assertEquals(OpType.OK, next.type());
        assertEquals(3, seen.size());
        assertEquals(first.clientId(), seen.get(2).clientId());
        assertEquals("2", seen.get(2).seq(), "a new command takes the next sequence number");
    }

    @Test
    void certainFailureIsNotResent() {
        RegisterClient c = open(new RegisterClient(db(), new ObjectMapper(), Duration.ofSeconds(5), false));
        answer(503);
        Op done = c.invoke(inv("write", "r0", 3L));
        assertEquals(OpType.FAIL, done.type());
        assertEquals(1, seen.size(), "503 means not applied: nothing to retry");
    }

    @Test
    void everySendUnknownEndsInfoAfterTheBoundedAttempts() {
        RegisterClient c = open(new RegisterClient(db(), new ObjectMapper(), Duration.ofSeconds(5), false));
        answer(504, 504, 504, 504);
        Op done = c.invoke(inv("write", "r0", 3L));
        assertEquals(OpType.INFO, done.type());
        assertEquals(RaftstoreClient.ATTEMPTS, seen.size());
        assertTrue(seen.stream().allMatch(s -> s.seq().equals("1") && s.clientId().equals(c.clientId())), seen.toString());
        assertTrue(done.error().contains("outcome unknown after 3 sends of Client-Seq 1"), done.error());
    }

    @Test
    void aSilentNodeGetsOneResendNotOneTimeoutPerSend() {
        // A node cut off from its peers holds a write it cannot commit: re-sending to it would keep
        // the process blind for several timeouts, past the partition a stale read needs it to see.
        RegisterClient c = open(new RegisterClient(db(), new ObjectMapper(), Duration.ofMillis(300), false));
        silentMs = 1_000;
        Op done = c.invoke(inv("write", "r0", 3L));
        assertEquals(OpType.INFO, done.type(), done.toString());
        assertEquals(RaftstoreClient.PATIENCE, seen.size(), "two timeouts bound the op, re-sends included: " + seen);
        assertTrue(seen.stream().allMatch(s -> "1".equals(s.seq())), "the re-send is the same command: " + seen);
        assertTrue(done.error().contains("outcome unknown after 2 sends of Client-Seq 1"), done.error());
    }

    @Test
    void certainFailureAfterAnUnknownSendStaysUnknown() {
        // The first send may have applied: a later "no leader" says nothing about it.
        AppendClient c = open(new AppendClient(db(), new ObjectMapper(), Duration.ofSeconds(5), "append"));
        answer(504, 503, 503);
        Op done = c.invoke(new Op(0, 0, 1, OpType.INVOKE, "txn", null, List.of(List.of("append", "x", 1L)), null, null));
        assertEquals(OpType.INFO, done.type(), done.toString());
        assertEquals(3, seen.size());
        assertTrue(seen.stream().allMatch(s -> "/txn".equals(s.path()) && "1".equals(s.seq()) && c.clientId().equals(s.clientId())),
                "every send of the txn is the same session command: " + seen);
    }

    @Test
    void casRetryGetsTheFirstResultAndReadsCarryNoSession() {
        RegisterClient c = open(new RegisterClient(db(), new ObjectMapper(), Duration.ofSeconds(5), false));
        okBody = "{\"succeeded\":true,\"value\":\"4\",\"revision\":9}";
        answer(504);
        Op done = c.invoke(inv("cas", "r0", List.of(3L, 4L)));
        assertEquals(OpType.OK, done.type());
        assertEquals(2, seen.size());
        assertEquals(seen.get(0).seq(), seen.get(1).seq());

        okBody = "{\"key\":\"r0\",\"value\":\"4\",\"revision\":9}";
        Op read = c.invoke(inv("read", "r0", null));
        assertEquals(OpType.OK, read.type());
        assertNull(seen.get(2).clientId(), "a read changes nothing and needs no session");
    }

    @Test
    void staleSessionAnswerIsUnknownNotOk() {
        // raftstore answers 200 with an error when a re-sent command's session has moved on.
        RegisterClient c = open(new RegisterClient(db(), new ObjectMapper(), Duration.ofSeconds(5), false));
        okBody = "{\"error\":\"Client-Seq 1 of x is older than the session's last\",\"revision\":3}";
        Op done = c.invoke(inv("write", "r0", 3L));
        assertEquals(OpType.INFO, done.type(), done.toString());
    }

    @Test
    void separateClientsHaveSeparateSessions() {
        SetClient a = open(new SetClient(db(), new ObjectMapper(), Duration.ofSeconds(5)));
        SetClient b = open(new SetClient(db(), new ObjectMapper(), Duration.ofSeconds(5)));
        assertNotEquals(a.clientId(), b.clientId());
    }
}
