package io.faultline.raftstore.node;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.raftstore.local.LoopbackPorts;
import io.faultline.raftstore.net.HostPort;
import io.faultline.raftstore.raft.Entry;
import io.faultline.raftstore.raft.HardState;
import io.faultline.raftstore.raft.Membership;
import io.faultline.raftstore.storage.Wal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restarted node gives its peers a whole election timeout to reach it before it campaigns: the time
 * it spent replaying its WAL does not count. (It did: a node that took longer to recover than its
 * election timeout campaigned the moment it came up, and in a stale election the restarted
 * up-to-date node then usually beat the stale one that had been waiting all along.)
 */
class ElectionClockTest {
    private static final int ELECTION_TIMEOUT_MS = 50;

    @Test
    void theElectionClockStartsWhenRecoveryIsDone(@TempDir Path dir) throws Exception {
        // A long log, so that recovery takes several election timeouts.
        try (Wal w = Wal.open(dir.resolve("n1").resolve("wal"), null, 256L << 20, true).wal()) {
            // As a bootstrapped log begins: the configuration entry, then commands (no-ops here).
            w.append(null, List.of(new Entry(1, 1, Entry.Type.CONF, new Membership(new TreeMap<>(Map.of("n1", ""))).encode())),
                    new HardState(1, "n1", 1), false);
            long index = 1;
            for (int batch = 0; batch < 200; batch++) {
                List<Entry> entries = new ArrayList<>();
                for (int i = 0; i < 2_000; i++) entries.add(Entry.noop(1, ++index));
                w.append(null, entries, new HardState(1, "n1", 1), false);
            }
        }
        List<Integer> ports = LoopbackPorts.pick(2);
        var cfg = new ServerConfig("n1", dir.resolve("n1"), new HostPort("127.0.0.1", ports.get(0)),
                new HostPort("127.0.0.1", ports.get(1)), Map.of(), Set.of(), ELECTION_TIMEOUT_MS, 10, 0, 300, 0, false);
        AtomicLong campaigned = new AtomicLong();
        long before = System.nanoTime();
        try (RaftServer server = new RaftServer(cfg, line -> {
            if (line.contains("role=precandidate") || line.contains("role=candidate") || line.contains("role=leader")) {
                campaigned.compareAndSet(0, System.nanoTime());
            }
        })) {
            long up = System.nanoTime();
            long deadline = up + TimeUnit.SECONDS.toNanos(10);
            while (campaigned.get() == 0 && System.nanoTime() < deadline) Thread.sleep(5);
            long recoveryMs = TimeUnit.NANOSECONDS.toMillis(up - before);
            assertTrue(campaigned.get() != 0, "the single node campaigned within 10 s");
            assertTrue(recoveryMs >= 3 * ELECTION_TIMEOUT_MS,
                    "recovery must outlast the election timeout for this test to show anything: " + recoveryMs + " ms");
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(campaigned.get() - up);
            assertTrue(waitedMs >= ELECTION_TIMEOUT_MS - 10,
                    "campaigned " + waitedMs + " ms after coming up (recovery took " + recoveryMs + " ms); expected a whole election timeout");
        }
    }
}
