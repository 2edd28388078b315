package io.faultline.raftstore.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.raftstore.local.LocalCluster;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A follower forwards requests to the leader over pooled keep-alive connections ({@code Forwarder}):
 * many requests in a row through one follower (connections reused), the leader's answers passed on
 * as they are (status and body), and after the leader is killed the follower forwards to the new one.
 * Three real processes; about 5-10 s.
 */
class ForwardingTest {

    @Test
    void followersForwardToTheLeaderAndFollowAFailover() throws Exception {
        try (LocalCluster c = new LocalCluster(Files.createTempDirectory("raftstore-fwd"), 3, List.of())) {
            c.startAll();
            String leader = c.awaitLeader(60_000);
            assertNotNull(leader, "a leader was elected");
            String follower = c.ids().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
            for (int i = 0; i < 200; i++) {
                Object[] put = c.call(follower, "PUT", "/kv/f", "{\"value\":\"" + i + "\"}", Duration.ofSeconds(5));
                assertEquals(200, (int) put[0], "forwarded put " + i + ": " + put[1]);
                Object[] get = c.call(follower, "GET", "/kv/f", null, Duration.ofSeconds(5));
                assertEquals(200, (int) get[0], String.valueOf(get[1]));
                assertEquals(Integer.toString(i), LocalCluster.field((String) get[1], "value"), "read through the follower: " + get[1]);
            }
            Object[] cas = c.call(follower, "POST", "/kv/f/cas", "{\"expected\":\"0\",\"new\":\"x\"}", Duration.ofSeconds(5));
            assertEquals(200, (int) cas[0], String.valueOf(cas[1]));
            assertEquals("false", LocalCluster.field((String) cas[1], "succeeded"), "the leader's mismatch passes through: " + cas[1]);
            Object[] bad = c.call(follower, "POST", "/kv/f/cas", "{\"expected\":", Duration.ofSeconds(5));
            assertEquals(400, (int) bad[0], "the leader's 400 passes through: " + bad[1]);

            c.kill9(leader);
            String next = c.awaitLeaderExcept(leader, 60_000);
            assertNotNull(next, "a new leader was elected");
            String other = c.ids().stream().filter(id -> !id.equals(leader) && !id.equals(next)).findFirst().orElseThrow();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            Object[] r;
            do {
                r = c.call(other, "PUT", "/kv/f", "{\"value\":\"after\"}", Duration.ofSeconds(8));
            } while ((int) r[0] != 200 && System.nanoTime() < deadline);
            assertEquals(200, (int) r[0], "forwarded to the new leader " + next + " through " + other + ": " + r[1]);
            Object[] get = c.call(other, "GET", "/kv/f", null, Duration.ofSeconds(5));
            assertTrue(((String) get[1]).contains("\"after\""), String.valueOf(get[1]));
        }
    }
}
