package io.faultline.stores.raftstore;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.faultline.env.Node;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.testing.fake.FakeEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lease lock against a loopback server that keeps one key the way raftstore's state machine
 * does (linearizable get and cas, revision = index of the last write), with the clients' wall
 * clock under the test's control.
 */
class ElectionClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "leader";

    private LoopbackHttp server;
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final AtomicInteger casCount = new AtomicInteger();
    private volatile int casStatus = 200;
    private String value; // guarded by this
    private long revision; // guarded by this
    private Node node;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        server = new LoopbackHttp(this::serve);
        node = new FakeEnvironment(1, dir).nodes().getFirst();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LoopbackHttp.Reply serve(HttpExchange ex, String request) throws IOException {
        String path = ex.getRequestURI().getPath();
        Map<String, Object> answer = new LinkedHashMap<>();
        int status = 200;
        synchronized (this) {
            if (path.equals("/kv/" + KEY) && ex.getRequestMethod().equals("GET")) {
                answer.put("key", KEY);
                answer.put("value", value);
                answer.put("revision", revision);
            } else if (path.equals("/kv/" + KEY + "/cas")) {
                casCount.incrementAndGet();
                status = casStatus;
                JsonNode body = JSON.readTree(request);
                if (status != 200) {
                    answer.put("error", "status " + status);
                } else {
                    String expected = body.get("expected").isNull() ? null : body.get("expected").asText();
                    boolean ok = java.util.Objects.equals(expected, value);
                    if (ok) {
                        value = body.get("new").asText();
                        revision += 3; // other keys' writes between ours: tokens need not be dense
                    }
                    answer.put("succeeded", ok);
                    answer.put("value", value);
                    answer.put("revision", revision);
                }
            } else {
                status = 404;
                answer.put("error", "no " + path);
            }
        }
        return new LoopbackHttp.Reply(status, JSON.writeValueAsString(answer));
    }

    private synchronized String stored() {
        return value;
    }

    private synchronized void overwrite(String v) {
        value = v;
        revision++;
    }

    private ElectionClient client(LeaseSettings lease) {
        ElectionClient c = new ElectionClient(new AddressOnly(server.address()), JSON, Duration.ofSeconds(20), lease, clock::get);
        c.open(node);
        return c;
    }

    private static Op op(int process, String f) {
        return new Op(0, 1, process, OpType.INVOKE, f, KEY, null, null, null);
    }

    /** Renewals every 20 real ms; lease and margin in the test's clock. */
    private static final LeaseSettings FAST_RENEW = new LeaseSettings(1000, 20, 100, 0);
    /** No renewal within a test's lifetime. */
    private static final LeaseSettings NO_RENEW = new LeaseSettings(1_000_000_000L, 999_000_000L, 100_000L, 300);

    @Test
    void freeLockIsWonWithTheRevisionAsTokenHeldAndReleasedForTheNextHolder() {
        try (ElectionClient a = client(NO_RENEW); ElectionClient b = client(NO_RENEW)) {
            Op won = a.invoke(op(1, "acquire"));
            assertEquals(OpType.OK, won.type(), won::toString);
            assertEquals(3L, won.value(), "token = revision of the winning cas");
            assertTrue(stored().startsWith("holder=p1.1@" + node.name() + ";expires="), stored());
            assertEquals(OpType.OK, a.invoke(op(1, "hold")).type());

            Op refused = b.invoke(op(2, "acquire"));
            assertEquals(OpType.FAIL, refused.type(), "b waits 300 ms at most while a's lease runs");
            assertTrue(refused.error().contains("held by p1.1@"), refused.error());
            assertEquals(OpType.FAIL, b.invoke(op(2, "hold")).type());

            Op released = a.invoke(op(1, "release"));
            assertEquals(OpType.OK, released.type(), released::toString);
            assertEquals(Optional.of(new LeaseValue("p1.1@" + node.name(), 0)), LeaseValue.parse(stored()));
            assertEquals("not-holder", a.invoke(op(1, "hold")).error());

            Op next = b.invoke(op(2, "acquire"));
            assertEquals(OpType.OK, next.type(), next::toString);
            assertTrue((Long) next.value() > (Long) won.value(), "tokens increase: " + won.value() + " then " + next.value());
        }
    }

    @Test
    void aLeaseThatRanOutIsTakenOverAndItsHolderStopsClaimingWithoutSendingARelease() {
        try (ElectionClient a = client(NO_RENEW); ElectionClient b = client(NO_RENEW)) {
            assertEquals(OpType.OK, a.invoke(op(1, "acquire")).type());
            clock.addAndGet(1_000_000_000L - 100_000L); // exactly at the margin: a must stop claiming
            Op hold = a.invoke(op(1, "hold"));
            assertEquals(OpType.FAIL, hold.type());
            assertTrue(hold.error().startsWith("lease-expired"), hold.error());

            assertEquals(OpType.FAIL, b.invoke(op(2, "acquire")).type(), "the lease itself has not ended yet");
            clock.addAndGet(100_001L);
            Op takeover = b.invoke(op(2, "acquire"));
            assertEquals(OpType.OK, takeover.type(), takeover::toString);
            assertTrue(stored().startsWith("holder=p2.2@"), stored());

            int before = casCount.get();
            Op release = a.invoke(op(1, "release"));
            assertEquals(OpType.FAIL, release.type());
            assertTrue(release.error().startsWith("lease-expired"), release.error());
            assertEquals(before, casCount.get(), "an expired holder sends nothing");
            assertTrue(stored().startsWith("holder=p2.2@"), "b still holds it: " + stored());
        }
    }

    @Test
    void renewalsKeepTheLeaseAndFailedRenewalsLetItRunOut() throws Exception {
        try (ElectionClient a = client(FAST_RENEW)) {
            assertEquals(OpType.OK, a.invoke(op(1, "acquire")).type());
            String first = stored();
            for (int i = 0; i < 6; i++) {
                clock.addAndGet(300); // 1.8 s of lease time in all: only renewals keep a 1 s lease alive
                String seen = stored();
                assertTrue(await(() -> !stored().equals(seen)), "a renewal followed");
                assertEquals(OpType.OK, a.invoke(op(1, "hold")).type(), () -> "still held at step with " + stored());
            }
            assertNotEquals(first, stored());
            assertTrue(stored().startsWith("holder=p1.1@"), stored());

            casStatus = 503; // the store refuses every write, as without a leader
            clock.addAndGet(950); // past the last confirmed lease minus the margin
            Op hold = a.invoke(op(1, "hold"));
            assertEquals(OpType.FAIL, hold.type(), hold::toString);
            assertTrue(hold.error().startsWith("lease-expired"), hold.error());
            casStatus = 200;
            Thread.sleep(100);
            assertEquals(OpType.FAIL, a.invoke(op(1, "hold")).type(), "once expired, a late renewal does not bring it back");
        }
    }

    @Test
    void aRenewalThatFindsAnotherHolderEndsTheLease() {
        try (ElectionClient a = client(FAST_RENEW)) {
            assertEquals(OpType.OK, a.invoke(op(1, "acquire")).type());
            overwrite(new LeaseValue("intruder", clock.get() + 10_000).encode());
            assertTrue(await(() -> {
                Op h = a.invoke(op(1, "hold"));
                return h.type() == OpType.FAIL && h.error().startsWith("lease-lost");
            }), "the holder noticed");
            assertEquals(OpType.FAIL, a.invoke(op(1, "release")).type());
            assertTrue(stored().startsWith("holder=intruder;"), "release did not overwrite the other holder: " + stored());
        }
    }

    @Test
    void withoutWaitingAReleasedLockIsStillWonAndAHeldOneRefusedAtOnce() {
        LeaseSettings noWait = new LeaseSettings(1_000_000L, 900_000L, 1_000L, 0);
        overwrite(new LeaseValue("earlier", 0).encode());
        try (ElectionClient a = client(noWait); ElectionClient b = client(noWait)) {
            Op won = a.invoke(op(1, "acquire"));
            assertEquals(OpType.OK, won.type(), "the first guess (absent) is wrong, the second try wins: " + won);
            long start = System.nanoTime();
            Op refused = b.invoke(op(2, "acquire"));
            assertEquals(OpType.FAIL, refused.type(), refused::toString);
            assertTrue(refused.error().contains("held by p1.1@"), refused.error());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "no waiting with lock-wait-ms=0");
        }
    }

    @Test
    void unknownOutcomesAreInfoAndRefusalsAreFailures() {
        try (ElectionClient a = client(NO_RENEW); ElectionClient b = client(NO_RENEW)) {
            casStatus = 504;
            Op unknown = a.invoke(op(1, "acquire"));
            assertEquals(OpType.INFO, unknown.type(), unknown::toString);
            casStatus = 503;
            Op refused = b.invoke(op(2, "acquire"));
            assertEquals(OpType.FAIL, refused.type(), refused::toString);
            assertTrue(refused.error().contains("not acquired within 300 ms"), refused.error());
            casStatus = 200;
            assertEquals(OpType.OK, b.invoke(op(2, "acquire")).type());
            casStatus = 504;
            assertEquals(OpType.INFO, b.invoke(op(2, "release")).type());
        }
    }

    @Test
    void lockValuesAndSettingsAreCheckedWithClearErrors() {
        LeaseValue v = new LeaseValue("p3.2@n1", 1234);
        assertEquals("holder=p3.2@n1;expires=1234", v.encode());
        assertEquals(Optional.of(v), LeaseValue.parse(v.encode()));
        assertEquals(Optional.empty(), LeaseValue.parse("7"));
        assertEquals(Optional.empty(), LeaseValue.parse("holder=x;expires=soon"));
        assertEquals(new LeaseSettings(3000, 1000, 300, 3000), LeaseSettings.from(Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LeaseSettings.from(Map.of("lock-lease-ms", "1000", "lock-renew-ms", "950")));
        assertTrue(e.getMessage().contains("lock-renew-ms=950"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LeaseSettings.from(Map.of("lock-margin-ms", "x")));
        assertTrue(e.getMessage().contains("store.lock-margin-ms=x: expected an integer >= 0"), e.getMessage());
    }

    private static boolean await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); // generous: the build machine is shared
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return true;
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
