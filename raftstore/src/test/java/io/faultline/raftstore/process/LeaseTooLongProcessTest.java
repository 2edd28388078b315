package io.faultline.raftstore.process;

import io.faultline.raftstore.local.LocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lease-too-long fault mode on three real processes: its lease is longer than the election
 * timeout on purpose, and the cluster must still start, elect, and serve writes and lease reads on
 * every node (the campaign needs a running cluster to show the stale reads the mode causes).
 */
class LeaseTooLongProcessTest {
    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void clusterWithTheLeaseTooLongStartsAndServes() throws Exception {
        try (var c = new LocalCluster(dir, 3, List.of("--fault", "lease-too-long", "--election-timeout-ms", "300"))) {
            c.startAll();
            String leader = c.awaitLeader(60_000);
            assertNotNull(leader, "no leader within 60 s; n1's log:\n" + c.log("n1"));
            for (String id : c.ids()) assertTrue(c.alive(id), id + " exited:\n" + c.log(id));
            Object[] status = c.call(leader, "GET", "/status", null, Duration.ofSeconds(5));
            assertEquals(200, status[0]);
            assertTrue(((String) status[1]).contains("lease-too-long"), "status names the fault: " + status[1]);
            for (String id : c.ids()) {
                String value = "v-" + id;
                Object[] put = c.call(id, "PUT", "/kv/k", "{\"value\":\"" + value + "\"}", Duration.ofSeconds(10));
                assertEquals(200, put[0], "put through " + id + ": " + put[1]);
                // Reads go through the leader's lease: with every node connected they are current.
                Object[] get = c.call(id, "GET", "/kv/k", null, Duration.ofSeconds(10));
                assertEquals(200, get[0], "get through " + id + ": " + get[1]);
                assertEquals(value, LocalCluster.field((String) get[1], "value"));
            }
            for (String id : c.ids()) assertTrue(c.alive(id), id + " exited while serving:\n" + c.log(id));
        }
    }
}
