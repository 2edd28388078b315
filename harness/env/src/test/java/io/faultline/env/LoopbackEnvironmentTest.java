package io.faultline.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoopbackEnvironmentTest {

    @Test
    void nodesGetTheirOwnLoopbackAddressesAndEverythingGoesAtClose() throws Exception {
        Path dir = TestSupport.tempDir();
        HostEnvironment env = (HostEnvironment) Environments.create(
                new EnvironmentSpec("loopback", TestSupport.runId("lo"), 3, dir, false, false));
        Path state = env.stateFile();
        long pid;
        try {
            assertEquals("loopback", env.name());
            List<Node> nodes = env.nodes();
            assertEquals(List.of("n1", "n2", "n3"), nodes.stream().map(Node::name).toList());
            assertEquals(3, nodes.stream().map(Node::host).distinct().count());
            nodes.forEach(n -> assertTrue(n.host().startsWith("127.77."), n.host()));
            assertTrue(Files.isDirectory(dir.resolve("nodes/n2")));
            assertFalse(env.capabilities().contains(Capability.PARTITION));
            assertFalse(env.capabilities().contains(Capability.PACKET_LOSS));
            assertTrue(env.capabilities().contains(Capability.KILL));
            assertTrue(env.description().contains("unavailable: partition, packet loss"), env.description());
            assertTrue(env.whyMissing(Capability.PARTITION).contains("host's own tables"));
            assertEquals(nodes.get(1).host() + ":7002", env.peerAddress(nodes.get(0), nodes.get(1), 7002),
                    "without the proxy, peers dial each other directly");

            // A node process answers on its own address, logs to the given file, and shows up in the state file.
            NodeProcess p = nodes.get(0).spawn(List.of("sh", "-c", "echo started; exec sleep 60"), Map.of(),
                    nodes.get(0).dir().resolve("n1.log"));
            pid = p.pid();
            assertTrue(p.isAlive());
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!Files.readString(state).contains("proc " + pid) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(Files.readString(state).contains("proc " + pid));
            ExecResult r = nodes.get(0).exec(List.of("echo", "hello"));
            assertEquals("hello", r.stdout().strip());
            EnvironmentException refused = assertThrows(EnvironmentException.class,
                    () -> nodes.get(0).exec(List.of("iptables", "-S")));
            assertTrue(refused.getMessage().contains("host's own tables"), refused.getMessage());

            p.pause();
            assertEquals("T", awaitState(pid, true), "SIGSTOP stops the process");
            p.resume();
            assertNotEquals("T", awaitState(pid, false));
            p.terminate(Duration.ofSeconds(5));
            assertFalse(p.isAlive());
            assertTrue(Files.readString(nodes.get(0).dir().resolve("n1.log")).contains("started"));

            p = nodes.get(1).spawn(List.of("sleep", "60"), Map.of(), nodes.get(1).dir().resolve("n2.log"));
            pid = p.pid();
        } finally {
            env.close();
        }
        assertFalse(TestSupport.alive(pid), "close kills node processes");
        assertFalse(Files.exists(state), "close removes the state file");
    }

    @Test
    void twoRunsAtOnceGetDifferentAddressBlocksAndRunIdsAreExclusive() throws Exception {
        try (Environment a = Environments.create(new EnvironmentSpec("loopback", TestSupport.runId("loa"), 1, TestSupport.tempDir(), false, false));
             Environment b = Environments.create(new EnvironmentSpec("loopback", TestSupport.runId("lob"), 1, TestSupport.tempDir(), false, false))) {
            assertNotEquals(a.nodes().get(0).host(), b.nodes().get(0).host());
            EnvironmentException e = assertThrows(EnvironmentException.class, () -> Environments.create(
                    new EnvironmentSpec("loopback", TestSupport.runId("loa"), 1, TestSupport.tempDir(), false, false)));
            assertTrue(e.getMessage().contains("in use by a live harness"), e.getMessage());
        }
    }

    @Test
    void badSpecsNameTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EnvironmentSpec("docker2", "x", 3, Path.of("."), false, false));
        assertTrue(e.getMessage().contains("expected one of local, loopback, auto"));
        e = assertThrows(IllegalArgumentException.class, () -> new EnvironmentSpec("auto", "a b", 3, Path.of("."), false, false));
        assertTrue(e.getMessage().contains("run id 'a b'"));
        e = assertThrows(IllegalArgumentException.class, () -> new EnvironmentSpec("auto", "x", 0, Path.of("."), false, false));
        assertTrue(e.getMessage().contains("nodes 0"));
    }

    /** Signals are delivered asynchronously: wait (bounded) until the state is, or is not, stopped. */
    private static String awaitState(long pid, boolean stopped) throws Exception {
        long deadline = System.nanoTime() + 3_000_000_000L;
        String st = procState(pid);
        while (st.equals("T") != stopped && System.nanoTime() < deadline) {
            Thread.sleep(10);
            st = procState(pid);
        }
        return st;
    }

    private static String procState(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    }
}
