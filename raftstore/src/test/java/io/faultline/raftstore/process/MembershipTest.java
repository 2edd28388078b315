package io.faultline.raftstore.process;

import io.faultline.raftstore.local.LocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Admin endpoints on real processes: add a server, transfer leadership, remove the leader. */
class MembershipTest {
    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) // keep node logs of a failure
    Path dir;

    private static void ok(Object[] r, String what) {
        assertEquals(200, (int) r[0], what + ": " + r[1]);
    }

    /** 503 means certainly not applied, so retrying is safe; on a loaded machine leadership can move. */
    private static void put(LocalCluster c, String key, String value) throws InterruptedException {
        Object[] r = {-1, ""};
        for (long until = System.currentTimeMillis() + 30_000; System.currentTimeMillis() < until; ) {
            String l = c.awaitLeader(10_000);
            if (l != null) {
                r = c.call(l, "PUT", "/kv/" + key, "{\"value\":\"" + value + "\"}", Duration.ofSeconds(5));
                if ((int) r[0] == 200) return;
            }
            Thread.sleep(100);
        }
        ok(r, "put " + key);
    }

    @Test
    void addTransferAndRemoveTheLeader() throws Exception {
        try (var c = new LocalCluster(dir, 4, List.of("--election-timeout-ms", "1000", "--heartbeat-ms", "100"))) {
            c.startFirst(3);
            String leader = c.awaitLeader(60_000); // JVM start-up is slow on a loaded machine
            assertNotNull(leader);
            for (int i = 0; i < 20; i++) put(c, "k" + i, "v" + i);
            leader = c.awaitLeader(10_000);

            // Add n4: it starts empty with --join, is caught up, then becomes a voter.
            c.start("n4", c.ids(), true);
            ok(c.call(leader, "POST", "/admin/members", "{\"id\":\"n4\",\"peer\":\"127.0.0.1:" + c.peerPort("n4")
                    + "\",\"client\":\"" + c.clientAddr("n4") + "\"}", Duration.ofSeconds(40)), "add n4");
            Object[] sr = {-1, ""};
            for (long until = System.currentTimeMillis() + 15_000; (int) sr[0] != 200 && System.currentTimeMillis() < until; ) {
                sr = c.call("n4", "GET", "/status", null, Duration.ofSeconds(2)); // its HTTP server may still be starting
                if ((int) sr[0] != 200) Thread.sleep(100);
            }
            String st = (String) sr[1];
            assertTrue(st.contains("\"n4\":{"), st);
            long deadline = System.currentTimeMillis() + 10_000;
            String v = null;
            while (System.currentTimeMillis() < deadline && !"v19".equals(v)) {
                v = LocalCluster.field((String) c.call("n4", "GET", "/kv/k19?consistency=serializable", null,
                        Duration.ofSeconds(2))[1], "value");
                Thread.sleep(50);
            }
            assertEquals("v19", v, "the new member holds the data");

            // Transfer leadership to n4.
            ok(c.call(leader, "POST", "/admin/transfer?to=n4", null, Duration.ofSeconds(10)), "transfer");
            assertEquals("n4", c.awaitLeader(15_000));

            // Remove the leader (n4) itself: the rest elect a new leader and keep serving.
            ok(c.call("n4", "DELETE", "/admin/members/n4", null, Duration.ofSeconds(15)), "remove n4");
            String next = c.awaitLeaderExcept("n4", 30_000);
            assertNotNull(next, "a leader among the remaining members");
            assertNotEquals("n4", next);
            put(c, "after", "x");
            String s2 = (String) c.call(next, "GET", "/status", null, Duration.ofSeconds(2))[1];
            assertTrue(!s2.contains("\"n4\":{"), "n4 is gone from the configuration: " + s2);
        }
    }
}
