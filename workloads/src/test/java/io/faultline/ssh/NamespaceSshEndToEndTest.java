package io.faultline.ssh;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.cli.Main;
import io.faultline.history.FaultLog;
import io.faultline.history.History;
import io.faultline.history.JsonlReader;
import io.faultline.results.ResultsRecord;
import io.faultline.results.RunRecords;
import io.faultline.runner.RemoteHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ssh end-to-end runs with the hosts as network namespaces, each running its own sshd (no Docker needed). */
class NamespaceSshEndToEndTest extends SshEndToEndRuns {
    @BeforeAll
    static void startHosts() throws Exception {
        SshdHosts.require();
        home = home();
        hosts = SshdHosts.start("sshe2e" + (ProcessHandle.current().pid() % 1000), 3, Files.createTempDirectory("faultline-sshd-"));
    }

    /**
     * ZooKeeper over ssh, driven as a user would: {@code faultline compare --env ssh} with the
     * command-line flags. The server jars go up into each host's run directory, the servers run on
     * the hosts' Java with their data there, the logs come back, and nothing stays on the hosts.
     */
    @Test
    void zookeeperComparedOverSshUnderPartitionAndKillIsValid(@TempDir Path results) throws Exception {
        RemoteHosts rh = hosts.remoteHosts();
        String oldHome = System.getProperty("faultline.home");
        System.setProperty("faultline.home", home.toString()); // as ./faultline sets it: the server jars' list is found there
        int exit;
        try {
            exit = Main.execute("compare", "--store", "zookeeper", "--env", "ssh",
                    "--hosts", String.join(",", hosts.addresses()), "--ssh-key", rh.key().orElseThrow().toString(),
                    "--known-hosts", rh.knownHosts().orElseThrow().toString(), "--nemesis", "partition,kill",
                    "--nemesis-interval", "3", "--time-limit", "15", "--warmup", "0", "--seed", "5", "--results", results.toString());
        } finally {
            if (oldHome == null) System.clearProperty("faultline.home");
            else System.setProperty("faultline.home", oldHome);
        }
        Path history;
        try (Stream<Path> files = Files.walk(results)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().equals("history.jsonl")).toList();
            assertEquals(1, found.size(), "one run: " + found);
            history = found.getFirst();
        }
        Path run = history.getParent();
        assertNothingLeft(run);
        assertEquals(0, exit, "valid, every fault verified; run in " + run);
        History h = JsonlReader.read(history);
        assertEquals("", FaultLog.of(h.nemesisEvents()).shortfall(List.of("partition", "kill")), "faults on the hosts, in " + run);
        String cfg = Files.readString(run.resolve("nodes/n1/zoo.cfg"));
        assertTrue(cfg.contains("dataDir=" + RemoteCleanup.BASE + "/"), "the data lived in the host's run directory: " + cfg);
        assertFalse(Files.exists(run.resolve("nodes/n1/data/version-2")), "no ZooKeeper data in the local node folder");
        String log = Files.readString(run.resolve("nodes/n1/zookeeper.log"));
        assertTrue(log.contains("--- faultline: starting") && log.contains("QuorumPeer"), "the server's log came back: " + log);
    }

    /**
     * Redis with Sentinel over ssh, as a user runs it: {@code run --env ssh} with the flags, the
     * hosts' own redis-server and redis-sentinel (nothing uploaded), configs and data in the hosts'
     * run directories. The primary cut off by a leader partition loses acknowledged adds there as in
     * namespaces and containers (RedisEndToEndTest, DockerEndToEndTest), and nothing stays behind.
     * The Docker ssh hosts have no Redis installed, so this runs on the namespace hosts only.
     */
    @Test
    void redisSentinelOverSshLosesAcknowledgedAddsWhenThePrimaryIsPartitioned(@TempDir Path results) throws Exception {
        RemoteHosts rh = hosts.remoteHosts();
        int exit = Main.execute("run", "--store", "redis", "--workload", "set", "--env", "ssh",
                "--hosts", String.join(",", hosts.addresses()), "--ssh-key", rh.key().orElseThrow().toString(),
                "--known-hosts", rh.knownHosts().orElseThrow().toString(), "--nemesis", "partition",
                "--opt", "nemesis.partition.modes=leader", "--nemesis-interval", "10", "--time-limit", "25",
                "--seed", "1", "--results", results.toString());
        Path run;
        try (Stream<Path> files = Files.walk(results)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().equals("history.jsonl")).toList();
            assertEquals(1, found.size(), "one run: " + found);
            run = found.getFirst().getParent();
        }
        assertNothingLeft(run);
        ResultsRecord r = RunRecords.read(run).results();
        assertEquals("", java.util.Objects.requireNonNullElse(r.faultShortfall(), ""), () -> "the partition took effect on the hosts; run in " + run);
        Map<String, Object> set = r.checkers().stream().filter(c -> "set".equals(c.get("checker"))).findFirst().orElseThrow();
        assertEquals("invalid", set.get("verdict"), () -> "acknowledged adds lost; run in " + run + ": " + set);
        assertEquals(1, exit, "an anomaly, every fault verified; run in " + run);
        String conf = Files.readString(run.resolve("nodes/n1/redis.conf"));
        // Sentinel's failover makes Redis rewrite its config (CONFIG REWRITE quotes the folder).
        assertTrue(conf.contains("dir " + RemoteCleanup.BASE + "/") || conf.contains("dir \"" + RemoteCleanup.BASE + "/"),
                "Redis worked in the host's run directory: " + conf);
        String log = Files.readString(run.resolve("nodes/n1/redis.log"));
        assertTrue(log.contains("--- faultline: starting redis") && log.contains("Ready to accept connections"),
                "the server's log came back: " + log);
    }
}
