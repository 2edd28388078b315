package io.faultline.ssh;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.check.Verdict;
import io.faultline.env.ExecResult;
import io.faultline.history.History;
import io.faultline.history.JsonlReader;
import io.faultline.runner.EnvironmentRegistry;
import io.faultline.runner.NemesisRegistry;
import io.faultline.runner.RemoteHosts;
import io.faultline.runner.RunListener;
import io.faultline.runner.RunResult;
import io.faultline.runner.Runner;
import io.faultline.store.StoreRegistry;
import io.faultline.stores.etcd.Runs;
import io.faultline.test.NemesisSchedule;
import io.faultline.test.TestDefinition;
import io.faultline.testing.Checkout;
import io.faultline.workload.WorkloadRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole runs under {@code --env ssh}, through the environment registry as the CLI uses it, against
 * three hosts a subclass makes (namespaces each running sshd, or containers): the stores are
 * installed and started over SSH, the nemeses cut links with iptables and kill by pid on the hosts,
 * and after each run nothing of it is left on any host (checked over a fresh SSH session).
 */
abstract class SshEndToEndRuns {
    protected static TestHosts hosts;
    protected static Path home;

    private static final RunListener LOG = Runs.LOG;

    static Path home() {
        return Checkout.root();
    }

    @AfterAll
    static void stopHosts() {
        if (hosts != null) hosts.close();
        hosts = null;
    }

    private static RunResult run(String store, List<String> nemeses, List<String> storeFaults, Path results, long seed,
                                 Duration interval, Duration limit, int concurrency, double rate) throws Exception {
        Runner runner = new Runner(StoreRegistry.load(), WorkloadRegistry.load(), NemesisRegistry.load(),
                EnvironmentRegistry.load(), home, LOG);
        Map<String, String> options = new LinkedHashMap<>();
        hosts.settings().forEach((k, v) -> options.put("env." + k, v));
        // As campaigns/ci.yaml's stale-reads block: clients on an isolated leader give up on writes
        // quickly and read, which is where a stale read shows.
        if (!storeFaults.isEmpty()) options.put("store.client-timeout-ms", "500");
        TestDefinition def = new TestDefinition("ssh-" + store, "ssh", store, 3, "register",
                new NemesisSchedule(nemeses, interval), limit, concurrency, rate, seed, storeFaults, options, results, false);
        RunResult r = runner.run(def);
        assertNothingLeft(r.dir());
        return r;
    }

    /** Over fresh sessions: no process of a run, no faultline chain, no run directory or state file on any host. */
    static void assertNothingLeft(Path runDir) throws Exception {
        RemoteHosts rh = hosts.remoteHosts();
        try (SshConnector c = new SshConnector(rh)) {
            for (RemoteHosts.Host h : rh.hosts()) {
                try (SshHost host = c.connect(h)) {
                    ExecResult left = host.run("grep -l FAULTLINE_RUN= /proc/[0-9]*/environ 2>/dev/null;"
                            + " iptables -w -S | grep FAULTLINE; ls -A " + RemoteCleanup.BASE + " 2>/dev/null; true", Duration.ofSeconds(30));
                    assertEquals("", left.stdout().strip(), "left on host " + h + " after the run in " + runDir);
                }
            }
        }
    }

    private static void assertFaultsHit(RunResult r, String... kinds) throws Exception {
        History h = JsonlReader.read(r.dir().resolve("history.jsonl"));
        for (String kind : kinds) {
            assertTrue(h.nemesisEvents().stream().anyMatch(e -> e.f().equals("start-" + kind) && e.type().wireName().equals("info")
                    && e.error() == null), "a " + kind + " fault was applied on the hosts; history in " + r.dir());
        }
        assertEquals("", r.faultShortfall(), "every fault verified on the hosts; history in " + r.dir());
    }

    // Both kinds must start: each cycle is a wait and a hold of 0.5-1.5 intervals, plus the time a
    // fault takes to apply and verify over SSH, so the second kind's first start can come after 15 s.
    @Test
    void raftstoreUnderPartitionAndKillIsLinearizable(@TempDir Path results) throws Exception {
        RunResult r = run("raftstore", List.of("partition", "kill"), List.of(), results, 8L,
                Duration.ofSeconds(3), Duration.ofSeconds(25), 10, 100);
        assertEquals(Verdict.VALID, r.verdict(), () -> "results in " + r.dir() + ": " + r.results());
        assertEquals(0, r.exitCode());
        assertTrue(r.stats().ok() > 200, "the cluster served requests: ok = " + r.stats().ok());
        assertFaultsHit(r, "partition", "kill");
        String log = Files.readString(r.dir().resolve("nodes/n1/raftstore.log"));
        assertTrue(log.contains("--- faultline: starting raftstore on n1"), "the host's log came back with its start marks: " + log);
        assertTrue(Files.readString(r.dir().resolve("nodes/n1/host.txt")).startsWith(hosts.addresses().getFirst()));
    }

    @Test
    void etcdUnderPartitionAndKillIsLinearizable(@TempDir Path results) throws Exception {
        RunResult r = run("etcd", List.of("partition", "kill"), List.of(), results, 9L,
                Duration.ofSeconds(3), Duration.ofSeconds(25), 10, 100);
        assertEquals(Verdict.VALID, r.verdict(), () -> "results in " + r.dir() + ": " + r.results());
        assertTrue(r.stats().ok() > 200, "the cluster served requests: ok = " + r.stats().ok());
        assertFaultsHit(r, "partition", "kill");
    }

    /** The parameters of the local environment's stale-reads run (RaftstoreEndToEndTest). */
    @Test
    void raftstoreStaleReadsUnderPartitionAreCaught(@TempDir Path results) throws Exception {
        RunResult r = run("raftstore", List.of("partition"), List.of("stale-reads"), results, 7L,
                Duration.ofSeconds(3), Duration.ofSeconds(25), 12, 200);
        assertEquals(Verdict.INVALID, r.verdict(), () -> "stale reads must be caught; results in " + r.dir());
        assertEquals(1, r.exitCode());
        assertFaultsHit(r, "partition");
    }
}
