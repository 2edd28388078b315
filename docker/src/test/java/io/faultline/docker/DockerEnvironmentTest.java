package io.faultline.docker;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.env.Capability;
import io.faultline.env.ClockControl;
import io.faultline.env.EnvironmentException;
import io.faultline.env.ExecResult;
import io.faultline.env.Node;
import io.faultline.env.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker environment against a real engine and the offline images: processes, signals,
 * iptables partitions, faketime clocks, and nothing left behind. Skipped, with the reason
 * printed, where no engine answers or the images are not built.
 */
@Tag("docker")
class DockerEnvironmentTest {
    private static final String IMAGE = DockerImages.forStore("raftstore");

    @BeforeAll
    static void needDocker() {
        DockerTests.require(IMAGE);
    }

    private static DockerSpec spec(String run, int nodes, Path dir, boolean clocks) {
        return new DockerSpec(run, nodes, dir, clocks, IMAGE, List.of());
    }

    private static String runId(String what) {
        return "t" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "-" + what;
    }

    @Test
    void processesRunInsideAndFollowSignalsAndNothingIsLeftBehind(@TempDir Path dir) throws Exception {
        String run = runId("proc");
        var client = DockerEngine.connect().client();
        try (DockerEnvironment env = DockerEnvironment.create(spec(run, 2, dir, false))) {
            assertEquals(2, env.nodes().size());
            assertTrue(env.description().contains("faultline-" + run), env.description());
            assertEquals(2, DockerCleanup.find(client, Optional.of(run)).stream().filter(s -> s.startsWith("container")).count());
            Node n1 = env.nodes().get(0);
            assertNotEquals(env.nodes().get(1).host(), n1.host());
            ExecResult host = n1.exec(List.of("hostname"));
            assertEquals("n1", host.stdout().strip());
            Path log = n1.dir().resolve("loop.log");
            // The absolute host path of sh is mapped to the image's sh; the log is in the bind-mounted node folder.
            NodeProcess p = n1.spawn(List.of("/usr/bin/sh", "-c", "while true; do echo tick $FOO; sleep 0.1; done"),
                    Map.of("FOO", "bar"), log);
            assertTrue(p.isAlive());
            assertTrue(p.pid() > 1);
            waitFor(() -> Files.exists(log) && Files.readString(log).contains("tick bar"), "the process writes its log on the host");
            p.pause();
            assertEquals("T", state(n1, p.pid()), "SIGSTOP stops the process");
            long size = Files.size(log);
            Thread.sleep(400);
            assertEquals(size, Files.size(log), "a paused process writes nothing");
            p.resume();
            waitFor(() -> Files.size(log) > size, "a resumed process writes again");
            p.kill();
            assertFalse(p.isAlive(), "kill waits until the process is gone");
            assertEquals("", state(n1, p.pid()), "no such process any more");
            NodeProcess q = n1.spawn(List.of("sleep", "60"), Map.of(), log);
            q.terminate(Duration.ofSeconds(5));
            assertFalse(q.isAlive());
        }
        assertEquals(List.of(), DockerCleanup.find(client, Optional.of(run)), "close removes containers and network");
    }

    @Test
    void partitionWithIptablesInsideTheContainersCutsAndHeals(@TempDir Path dir) throws Exception {
        String run = runId("part");
        try (DockerEnvironment env = DockerEnvironment.create(spec(run, 2, dir, false))) {
            assertTrue(env.capabilities().contains(Capability.PARTITION));
            Node n1 = env.nodes().get(0);
            Node n2 = env.nodes().get(1);
            NodeProcess server = n1.spawn(List.of("java", "-m", "jdk.httpserver", "-b", "0.0.0.0", "-p", "8000", "-d", "/tmp"),
                    Map.of(), n1.dir().resolve("http.log"));
            List<String> probe = List.of("bash", "-c", "timeout 2 bash -c 'echo > /dev/tcp/" + n1.host() + "/8000'");
            waitFor(() -> n2.exec(probe).ok(), "n2 reaches n1's server");
            assertTrue(n1.exec(List.of("iptables", "-w", "-A", "INPUT", "-s", n2.host(), "-j", "DROP")).ok());
            assertFalse(n2.exec(probe).ok(), "n1 drops what n2 sends");
            assertTrue(n1.exec(List.of("iptables", "-w", "-F", "INPUT")).ok());
            assertTrue(n2.exec(probe).ok(), "after the flush n2 reaches n1 again");
            server.kill();
        }
    }

    @Test
    void clockOffsetsReachProcessesInTheContainer(@TempDir Path dir) {
        String run = runId("clock");
        try (DockerEnvironment env = DockerEnvironment.create(spec(run, 1, dir, true))) {
            assertTrue(env.capabilities().contains(Capability.CLOCK), env.description());
            ClockControl clocks = env.clocks().orElseThrow();
            Node n1 = env.nodes().get(0);
            clocks.setOffsetMillis(n1, 3_600_000);
            long skew = clocks.observedMillis(n1) - System.currentTimeMillis();
            assertTrue(Math.abs(skew - 3_600_000) < 5_000, "the node's clock reads an hour ahead: " + skew);
            clocks.reset();
            skew = clocks.observedMillis(n1) - System.currentTimeMillis();
            assertTrue(Math.abs(skew) < 5_000, "reset: " + skew);
        }
    }

    @Test
    void leftoversOfARunThatNeverClosedAreFoundAndRemovedByLabel(@TempDir Path dir) throws Exception {
        String run = runId("crash");
        var client = DockerEngine.connect().client();
        // A run that dies without closing its environment (the shutdown hook would run at exit).
        DockerEnvironment env = DockerEnvironment.create(spec(run, 2, dir, false));
        env.nodes().get(0).spawn(List.of("sleep", "600"), Map.of(), env.nodes().get(0).dir().resolve("sleep.log"));
        List<String> found = DockerCleanup.find(client, Optional.empty());
        assertTrue(found.contains("container " + DockerEnvironment.containerName(run, "n1")), found.toString());
        assertTrue(found.contains("network " + DockerEnvironment.networkName(run)), found.toString());
        EnvironmentException again = assertThrows(EnvironmentException.class,
                () -> DockerEnvironment.create(spec(run, 1, dir, false)));
        assertTrue(again.getMessage().contains("faultline cleanup"), again.getMessage());
        List<String> removed = DockerCleanup.remove(client, Optional.of(run));
        assertEquals(3, removed.size(), "two containers and the network: " + removed);
        assertEquals(List.of(), DockerCleanup.find(client, Optional.of(run)));
        env.close(); // nothing left to remove; must not fail
    }

    @Test
    void aMissingImageFailsFastNamingTheBuildCommand(@TempDir Path dir) {
        long start = System.nanoTime();
        EnvironmentException e = assertThrows(EnvironmentException.class, () -> DockerEnvironment.create(
                new DockerSpec(runId("noimg"), 1, dir, false, "faultline/absent:0.0.0", List.of())));
        assertTrue(e.getMessage().contains(DockerImages.BUILD_COMMAND), e.getMessage());
        assertTrue(System.nanoTime() - start < 20_000_000_000L, "no waiting for a pull");
    }

    private static String state(Node n, long pid) throws Exception {
        return n.exec(List.of("sh", "-c", "ps -o stat= -p " + pid + " | cut -c1")).stdout().strip();
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check, String what) throws Exception {
        long end = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < end) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(100);
        }
        fail("within 20 s: " + what);
    }
}
