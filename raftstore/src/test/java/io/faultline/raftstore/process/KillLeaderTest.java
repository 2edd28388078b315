package io.faultline.raftstore.process;

import io.faultline.raftstore.local.LocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three real processes on loopback: kill -9 the leader under writes; nothing acknowledged is lost. */
class KillLeaderTest {
    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) // keep node logs of a failure
    Path dir;

    @Test
    void killingTheLeaderUnderWritesLosesNoAcknowledgedWrite() throws Exception {
        try (var c = new LocalCluster(dir, 3, List.of("--election-timeout-ms", "300", "--heartbeat-ms", "50",
                "--snapshot-threshold", "500"))) {
            c.startAll();
            // Generous: on a loaded CI machine three JVMs can take many seconds to start.
            String leader = c.awaitLeader(60_000);
            assertNotNull(leader, "no leader elected within 60 s");

            Map<String, String> acked = new ConcurrentHashMap<>();
            AtomicLong firstAckAfterKill = new AtomicLong();
            long[] killedAt = {Long.MAX_VALUE};
            var writers = new ArrayList<Thread>();
            long[] stopAt = {System.currentTimeMillis() + 90_000}; // moved to kill + 4 s below; bounds the loop
            for (int w = 0; w < 4; w++) {
                int wid = w;
                writers.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 100_000 && System.currentTimeMillis() < stopAt[0]; i++) {
                        String key = "w" + wid + "-" + i;
                        String value = "v" + i;
                        List<String> alive = c.ids().stream().filter(c::alive).toList();
                        String target = alive.get(ThreadLocalRandom.current().nextInt(alive.size()));
                        long sent = System.nanoTime();
                        Object[] r = c.call(target, "PUT", "/kv/" + key, "{\"value\":\"" + value + "\"}", Duration.ofSeconds(3));
                        if ((int) r[0] == 200) {
                            acked.put(key, value);
                            // Only a write sent after the kill shows the new leader at work.
                            if (sent > killedAt[0]) firstAckAfterKill.compareAndSet(0, System.nanoTime());
                        }
                    }
                }));
            }
            for (long until = System.currentTimeMillis() + 30_000; acked.size() < 50 && System.currentTimeMillis() < until; ) {
                Thread.sleep(50);
            }
            int before = acked.size();
            killedAt[0] = System.nanoTime();
            c.kill9(leader);
            stopAt[0] = System.currentTimeMillis() + 4_000;
            for (Thread t : writers) t.join();

            assertTrue(before > 0, "no write was acknowledged before the kill");
            String next = c.awaitLeader(30_000);
            assertNotNull(next, "no new leader after killing " + leader);
            assertNotEquals(leader, next);
            assertTrue(firstAckAfterKill.get() > 0, "no write was acknowledged after the kill");
            long failoverMs = (firstAckAfterKill.get() - killedAt[0]) / 1_000_000;
            System.out.println("acked " + acked.size() + " writes (" + before + " before the kill); killed " + leader
                    + ", new leader " + next + ", first ack after kill in " + failoverMs + " ms");

            // Restart the killed node: it must recover from its WAL and catch up too.
            c.start(leader);
            var missing = new ArrayList<String>();
            for (var e : acked.entrySet()) {
                Object[] r = c.call(next, "GET", "/kv/" + e.getKey(), null, Duration.ofSeconds(5));
                if ((int) r[0] != 200 || !e.getValue().equals(LocalCluster.field((String) r[1], "value"))) {
                    missing.add(e.getKey() + " -> " + r[0] + " " + r[1]);
                }
            }
            assertEquals(List.of(), missing, "acknowledged writes missing after the leader was killed");
            String anyKey = acked.keySet().iterator().next();
            long deadline = System.currentTimeMillis() + 15_000;
            String seen = null;
            while (System.currentTimeMillis() < deadline) {
                Object[] r = c.call(leader, "GET", "/kv/" + anyKey + "?consistency=serializable", null, Duration.ofSeconds(1));
                if ((int) r[0] == 200) seen = LocalCluster.field((String) r[1], "value");
                if (acked.get(anyKey).equals(seen)) break;
                Thread.sleep(100);
            }
            assertEquals(acked.get(anyKey), seen, "restarted " + leader + " did not catch up:\n" + c.log(leader));
        }
    }
}
