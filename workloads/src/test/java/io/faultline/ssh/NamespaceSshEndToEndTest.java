package io.faultline.ssh;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.cli.Main;
import io.faultline.history.FaultLog;
import io.faultline.history.History;
import io.faultline.history.JsonlReader;
import io.faultline.runner.RemoteHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
