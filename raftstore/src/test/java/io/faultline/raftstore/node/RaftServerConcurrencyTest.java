package io.faultline.raftstore.node;

import io.faultline.raftstore.kv.Command;
import io.faultline.raftstore.kv.Result;
import io.faultline.raftstore.net.HostPort;
import io.faultline.raftstore.local.LoopbackPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many threads drive three in-process servers at once, so that HTTP-like callers, peer readers
 * and the loop thread all take turns running the core (RaftServer's combining hand-off). Were
 * two of them ever inside the core together, compare-and-set increments would be lost or the
 * core would fail; the test counts every acknowledged increment and reads the counter back.
 */
class RaftServerConcurrencyTest {
    private static final int THREADS = 12;
    private static final int INCREMENTS_PER_THREAD = 40;

    @Test
    void concurrentCallersNeverRunTheCoreTogether(@TempDir Path dir) throws Exception {
        List<Integer> ports = LoopbackPorts.pick(6);
        var peers = new LinkedHashMap<String, HostPort>();
        for (int i = 0; i < 3; i++) peers.put("n" + (i + 1), new HostPort("127.0.0.1", ports.get(i)));
        var servers = new LinkedHashMap<String, RaftServer>();
        try {
            for (int i = 0; i < 3; i++) {
                String id = "n" + (i + 1);
                var others = new LinkedHashMap<>(peers);
                others.remove(id);
                var cfg = new ServerConfig(id, dir.resolve(id), new HostPort("127.0.0.1", ports.get(3 + i)), peers.get(id),
                        others, Set.of(), 300, 30, 200, 300, 0, false);
                servers.put(id, new RaftServer(cfg, line -> { }));
            }
            RaftServer leader = awaitLeader(servers);
            assertNotNull(leader, "no leader within 10 s");

            var increments = new AtomicLong();
            var revisions = ConcurrentHashMap.<Long>newKeySet();
            var failures = new ConcurrentHashMap<String, String>();
            var workers = new ArrayList<Thread>();
            for (int t = 0; t < THREADS; t++) {
                int worker = t;
                workers.add(Thread.ofPlatform().start(() -> {
                    try {
                        int done = 0;
                        for (int attempt = 0; done < INCREMENTS_PER_THREAD && attempt < 2_000; attempt++) {
                            // Status and stale reads on the followers keep their cores busy from other threads too.
                            for (RaftServer s : servers.values()) {
                                if (s != leader) s.read("counter", true).get(5, TimeUnit.SECONDS);
                            }
                            Object v = value(leader.read("counter", false).get(5, TimeUnit.SECONDS));
                            long current = v == null ? 0 : Long.parseLong((String) v);
                            Outcome o = leader.command("w" + worker, attempt + 1,
                                    new Command.Cas("counter", v == null ? null : (String) v, Long.toString(current + 1)))
                                    .get(5, TimeUnit.SECONDS);
                            if (o instanceof Outcome.Ok(Result.Cas cas) && cas.succeeded()) {
                                increments.incrementAndGet();
                                if (!revisions.add(cas.revision())) failures.put("w" + worker, "revision " + cas.revision() + " twice");
                                done++;
                            } else if (!(o instanceof Outcome.Ok)) {
                                failures.put("w" + worker, "cas answered " + o);
                                return;
                            }
                        }
                    } catch (Exception e) {
                        failures.put("w" + worker, e.toString());
                    }
                }));
            }
            for (Thread w : workers) w.join(120_000);
            assertTrue(failures.isEmpty(), "workers failed: " + failures);
            assertEquals(THREADS * INCREMENTS_PER_THREAD, increments.get(), "every worker finished its increments");
            Object last = value(leader.read("counter", false).get(5, TimeUnit.SECONDS));
            assertEquals(Long.toString(increments.get()), last, "the counter holds every acknowledged increment");
            assertEquals(increments.get(), revisions.size(), "each increment applied at its own revision");
            // Every follower catches up to the same state.
            for (RaftServer s : servers.values()) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                Object seen = null;
                while (System.nanoTime() < deadline && !last.equals(seen = value(s.read("counter", true).get(5, TimeUnit.SECONDS)))) {
                    Thread.sleep(20);
                }
                assertEquals(last, seen, s.id() + " applied the same increments");
            }
        } finally {
            for (RaftServer s : servers.values()) s.close();
        }
    }

    private static Object value(Outcome o) {
        if (o instanceof Outcome.Ok(Result.Read r)) return r.value();
        throw new AssertionError("read answered " + o);
    }

    private static RaftServer awaitLeader(Map<String, RaftServer> servers) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (RaftServer s : servers.values()) {
                Map<String, Object> st = s.status().get(5, TimeUnit.SECONDS);
                if ("leader".equals(st.get("role"))) return s;
            }
            Thread.sleep(50);
        }
        return null;
    }
}
