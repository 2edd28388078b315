package io.faultline.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real namespaces: created, reachable from the harness and from each other, and gone after close. */
class NamespaceEnvironmentTest {

    @BeforeAll
    static void needsRoot() {
        if (!TestSupport.root()) {
            System.out.println("NamespaceEnvironmentTest skipped: network namespaces need root");
        }
        Assumptions.assumeTrue(TestSupport.root(), "network namespaces need root");
    }

    @Test
    void namespacesAreCreatedUsableAndDestroyedWithNoLeftovers() throws Exception {
        String runId = TestSupport.runId("ns");
        HostEnvironment env = (HostEnvironment) Environments.create(
                new EnvironmentSpec("local", runId, 3, TestSupport.tempDir(), false, true));
        Path state = env.stateFile();
        List<Long> pids = new java.util.ArrayList<>();
        String hostLink = "flh-" + NamespaceNetwork.tag(runId);
        try {
            assertEquals("local", env.name());
            assertTrue(env.capabilities().containsAll(List.of(Capability.PARTITION, Capability.PACKET_LOSS,
                    Capability.KILL, Capability.PAUSE, Capability.PACKET_DELAY)));
            List<String> netns = NamespaceNetwork.listNetns();
            for (int i = 0; i <= 3; i++) {
                assertTrue(netns.contains(NamespaceNetwork.netnsName(runId, i)), netns.toString());
            }
            assertTrue(NamespaceNetwork.linkExists(hostLink));
            Node n1 = env.nodes().get(0);
            Node n2 = env.nodes().get(1);
            assertTrue(n1.host().startsWith("10.77."), n1.host());
            ExecResult addr = n1.exec(List.of("ip", "-4", "-o", "addr", "show", "dev", "eth0"));
            assertTrue(addr.stdout().contains(n1.host() + "/24"), addr.stdout());

            // Node processes run inside their namespace: a listener on n2's address, reached from n1's namespace.
            NodeProcess server = n2.spawn(EchoMain.command(n2.host(), 7000), Map.of(), n2.dir().resolve("server.log"));
            pids.add(server.pid());
            // `ip netns exec` enters the namespace between fork and exec: wait (bounded) until it has.
            String serverNs = "?";
            for (int i = 0; i < 100 && !serverNs.equals(NamespaceNetwork.netnsName(runId, 2)); i++) {
                serverNs = netnsOf(server.pid()).orElse("?");
                if (!serverNs.equals(NamespaceNetwork.netnsName(runId, 2))) Thread.sleep(30);
            }
            assertEquals(NamespaceNetwork.netnsName(runId, 2), serverNs);
            String got = "";
            for (int i = 0; i < 100 && !got.startsWith("hi"); i++) {
                Thread.sleep(100);
                got = n1.exec(List.of("timeout", "2", "bash", "-c",
                        "exec 3<>/dev/tcp/" + n2.host() + "/7000 && echo x >&3 && head -n1 <&3")).stdout().strip();
            }
            assertTrue(got.startsWith("hi "), "n1 reaches n2 across the hub bridge: " + got);
            // The harness (host namespace) reaches nodes through the host link.
            assertTrue(TestSupport.ask(n2.host() + ":7000", "x", 3_000).orElse("").startsWith("hi "));

            NodeProcess sleeper = n1.spawn(List.of("sleep", "300"), Map.of(), n1.dir().resolve("sleep.log"));
            pids.add(sleeper.pid());
            boolean inside = false;
            for (int i = 0; i < 100 && !inside; i++) {
                inside = NamespaceNetwork.pidsIn(NamespaceNetwork.netnsName(runId, 1)).contains(sleeper.pid());
                if (!inside) Thread.sleep(30);
            }
            assertTrue(inside, "the sleeper runs inside n1's namespace");
        } finally {
            env.close();
        }
        for (long pid : pids) {
            assertFalse(TestSupport.alive(pid), "process " + pid + " killed at close");
        }
        List<String> netns = NamespaceNetwork.listNetns();
        assertTrue(netns.stream().noneMatch(n -> n.startsWith(NamespaceNetwork.NETNS_PREFIX + runId + "-")), netns.toString());
        assertFalse(NamespaceNetwork.linkExists(hostLink));
        assertFalse(Files.exists(state));
        assertFalse(NamespaceNetwork.hostBlocks().contains(
                Integer.parseInt(env.nodes().get(0).host().split("\\.")[2])), "the address block is free again");
    }

    /** Which named namespace a process is in, by comparing namespace inodes. */
    static java.util.Optional<String> netnsOf(long pid) throws Exception {
        Object mine = Files.getAttribute(Path.of("/proc", Long.toString(pid), "ns", "net"), "unix:ino");
        for (String ns : NamespaceNetwork.listNetns()) {
            if (Files.getAttribute(Path.of("/run/netns", ns), "unix:ino").equals(mine)) {
                return java.util.Optional.of(ns);
            }
        }
        return java.util.Optional.empty();
    }
}
