package io.faultline.ssh;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.env.Capability;
import io.faultline.env.EnvironmentException;
import io.faultline.env.ExecResult;
import io.faultline.env.LinkControl;
import io.faultline.env.Node;
import io.faultline.env.NodeProcess;
import io.faultline.runner.EnvironmentRequest;
import io.faultline.runner.RemoteHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ssh environment against three real sshd hosts (namespaces): what it creates on a host, that
 * a killed harness's leftovers are removed by cleanup, and that host keys are checked as OpenSSH does.
 */
class SshEnvironmentTest {
    private static SshdHosts hosts;
    private static Path hostsDir;

    @BeforeAll
    static void startHosts() throws Exception {
        SshdHosts.require();
        hostsDir = Files.createTempDirectory("faultline-sshd-");
        hosts = SshdHosts.start("sshenvt" + (ProcessHandle.current().pid() % 1000), 3, hostsDir);
    }

    @AfterAll
    static void stopHosts() {
        if (hosts != null) hosts.close();
    }

    private static EnvironmentRequest request(String runId, Path runDir, Map<String, String> settings) {
        return new EnvironmentRequest("ssh", runId, 3, runDir, false, false, "raftstore", Path.of("."), settings);
    }

    /** Over a fresh session: what of run {@code tag} is still on the host (processes, chains, run directory). */
    private static String leftovers(SshHost h, String runDir, String tag) throws Exception {
        ExecResult r = h.run("for p in /proc/[0-9]*; do tr '\\0' '\\n' < $p/environ 2>/dev/null | grep -qx 'FAULTLINE_RUN=" + tag
                + "' && echo \"process ${p#/proc/}\"; done; iptables -w -S | grep -- '-N FAULTLINE' ; [ -e " + runDir
                + " ] && echo 'dir " + runDir + "'; ls " + runDir + ".state 2>/dev/null; true", Duration.ofSeconds(30));
        return r.stdout().strip();
    }

    @Test
    void aKilledHarnessLeavesNothingAfterCleanup(@TempDir Path runDir) throws Exception {
        SshEnvironment env = SshEnvironment.create(request("sshleft", runDir, hosts.settings()));
        Node n1 = env.nodes().getFirst();
        NodeProcess sleeper = n1.spawn(List.of("/bin/sleep", "600"), Map.of(), n1.dir().resolve("sleep.log"));
        assertTrue(sleeper.isAlive(), "the process runs on the host");
        assertEquals("S", sleeper.state(), "read over ssh from /proc on the host");
        assertTrue(n1.exec(List.of("iptables", "-w", "-N", "FAULTLINE-PARTITION")).ok());
        assertTrue(n1.exec(List.of("iptables", "-w", "-I", "INPUT", "1", "-j", "FAULTLINE-PARTITION")).ok());
        String remote = env.remoteDir(n1);
        SshConnector c = new SshConnector(hosts.remoteHosts());
        try (SshHost h = c.connect(new RemoteHosts.Host(n1.host(), 22))) {
            String before = leftovers(h, remote, "sshleft-n1");
            assertTrue(before.contains("process " + sleeper.pid()) && before.contains("FAULTLINE-PARTITION")
                    && before.contains("dir " + remote), before);
            // The harness "dies" here: no close(). Cleanup from a new harness finds the state file.
            List<String> lines = new SshEnvironmentProvider().removeLeftovers(true, false, hosts.settings());
            assertTrue(lines.stream().anyMatch(l -> l.contains("process " + sleeper.pid())), String.join("\n", lines));
            assertEquals("", leftovers(h, remote, "sshleft-n1"), "nothing of the run is left on " + n1.host());
            assertFalse(h.run("iptables -w -S INPUT", Duration.ofSeconds(10)).stdout().contains("FAULTLINE"),
                    "INPUT no longer jumps to a faultline chain");
        } finally {
            c.close();
            env.close();
        }
    }

    @Test
    void closingTheRunBringsLogsBackAndLeavesNothing(@TempDir Path runDir) throws Exception {
        SshEnvironment env = SshEnvironment.create(request("sshclose", runDir, hosts.settings()));
        Node n2 = env.nodes().get(1);
        Path log = n2.dir().resolve("echo.log");
        Files.writeString(log, "--- mark written here\n");
        NodeProcess p = n2.spawn(List.of("/bin/sh", "-c", "echo hello from $(hostname -I); sleep 0.2"), Map.of(), log);
        long end = System.nanoTime() + 10_000_000_000L;
        while (p.isAlive() && System.nanoTime() < end) Thread.sleep(50);
        assertFalse(p.isAlive(), "a process that exits is seen to exit");
        String remote = env.remoteDir(n2);
        env.close();
        String text = Files.readString(log);
        assertTrue(text.startsWith("--- mark written here\nhello from " + n2.host()), "the host's log came back: " + text);
        SshConnector c = new SshConnector(hosts.remoteHosts());
        try (SshHost h = c.connect(new RemoteHosts.Host(n2.host(), 22))) {
            assertEquals("", leftovers(h, remote, "sshclose-n2"));
        } finally {
            c.close();
        }
    }

    @Test
    void aChangedHostKeyIsRefusedWithBothFingerprints(@TempDir Path dir) throws Exception {
        Path wrong = dir.resolve("wrong_key");
        new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", wrong.toString()).start().waitFor();
        List<String> lines = Files.readAllLines(hosts.knownHosts());
        String h1 = hosts.addresses().getFirst();
        lines.set(0, h1 + " " + Files.readString(dir.resolve("wrong_key.pub")).strip());
        Path known = dir.resolve("known_hosts");
        Files.write(known, lines);
        String expected = fingerprint(dir.resolve("wrong_key.pub"));
        String actual = fingerprint(hostsDir.resolve("host_key_n1.pub"));
        Map<String, String> s = new HashMap<>(hosts.settings());
        s.put("known-hosts", known.toString());
        EnvironmentException e = assertThrows(EnvironmentException.class, () -> SshEnvironment.create(request("sshkey", dir, s)));
        assertTrue(e.getMessage().contains(h1) && e.getMessage().contains("CHANGED") && e.getMessage().contains(expected)
                && e.getMessage().contains(actual), e.getMessage());
        assertFalse(Files.exists(dir.resolve("nodes")), "no node was set up");
    }

    @Test
    void anUnknownHostIsRefusedUnlessAcceptNewWhichRecordsIt(@TempDir Path dir) throws Exception {
        Path known = dir.resolve("known_hosts");
        Map<String, String> s = new HashMap<>(hosts.settings());
        s.put("known-hosts", known.toString());
        EnvironmentException e = assertThrows(EnvironmentException.class, () -> SshEnvironment.create(request("sshnew", dir, s)));
        assertTrue(e.getMessage().contains("not in " + known) && e.getMessage().contains("--ssh-accept-new"), e.getMessage());
        s.put("ssh-accept-new", "true");
        SshEnvironment.create(request("sshnew", dir, s)).close();
        String recorded = Files.readString(known);
        for (String a : hosts.addresses()) assertTrue(recorded.contains(a), "accept-new recorded " + a + ": " + recorded);
        s.remove("ssh-accept-new");
        SshEnvironment.create(request("sshnew2", dir, s)).close(); // now known: accepted without the flag
    }

    @Test
    void aHostWithoutSshdIsNamedWithTheFix(@TempDir Path dir) {
        String h1 = hosts.addresses().getFirst();
        Map<String, String> s = new HashMap<>(hosts.settings());
        s.put("hosts", s.get("hosts").replace(h1 + ":22", h1 + ":2222"));
        EnvironmentException e = assertThrows(EnvironmentException.class, () -> SshEnvironment.create(request("sshport", dir, s)));
        assertTrue(e.getMessage().startsWith("host " + h1 + ":2222: cannot reach sshd on port 2222")
                && e.getMessage().contains("sshd runs there"), e.getMessage());
    }

    /**
     * With no key file given, a real ssh-agent holding the hosts' client key logs in, over Java's
     * own Unix socket channel; the same login without the agent is refused, saying what was offered.
     */
    @Test
    void theSshAgentLogsInWhenNoKeyFileIsGiven(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", sock.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long end = System.nanoTime() + 5_000_000_000L;
            while (!Files.exists(sock) && System.nanoTime() < end) Thread.sleep(20);
            ProcessBuilder add = new ProcessBuilder("ssh-add", hosts.clientKey().toString()).redirectErrorStream(true);
            add.environment().put("SSH_AUTH_SOCK", sock.toString());
            Process p = add.start();
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), "ssh-add: " + out);
            RemoteHosts noKey = new RemoteHosts(hosts.remoteHosts().hosts(), "root", Optional.empty(), 22, false, false,
                    Optional.of(hosts.knownHosts()), Optional.empty());
            RemoteHosts.Host first = noKey.hosts().getFirst();
            try (SshConnector c = new SshConnector(noKey, Optional.of(sock)); SshHost h = c.connect(first)) {
                assertEquals("logged in with the agent", h.run("echo logged in with the agent", Duration.ofSeconds(10)).stdout().strip());
            }
            try (SshConnector c = new SshConnector(noKey, Optional.empty())) {
                EnvironmentException e = assertThrows(EnvironmentException.class, () -> c.connect(first));
                assertTrue(e.getMessage().contains("login as root refused") && !e.getMessage().contains("agent"), e.getMessage());
            }
        } finally {
            agent.destroy();
            agent.waitFor();
        }
    }

    /**
     * Packet delay is tc netem on the hosts. The namespace hosts run on this machine's kernel: where
     * it has netem (tried here, independently, in a scratch namespace), a delay n1->n2 must show in
     * connects timed on n1 and be gone after the heal; where it has none (this kind of machine), every
     * host is named in the refusal and the environment offers no delay. Either way nothing is left.
     */
    @Test
    void packetDelayIsNetemOnTheHostsOrRefusedNamingEachHost(@TempDir Path runDir) throws Exception {
        SshEnvironment env = SshEnvironment.create(new EnvironmentRequest("ssh", "sshnetem", 3, runDir, false, true, "raftstore",
                Path.of("."), hosts.settings()));
        Node n1 = env.nodes().get(0);
        Node n2 = env.nodes().get(1);
        try {
            if (!kernelHasNetem()) {
                assertFalse(env.capabilities().contains(Capability.PACKET_DELAY));
                assertTrue(env.links().isEmpty());
                String why = env.whyMissing(Capability.PACKET_DELAY);
                for (String a : hosts.addresses()) assertTrue(why.contains("host " + a + ": tc "), why);
                assertTrue(why.contains("netem") || why.contains("prio"), why);
                // The delay's own script on a real host, as far as this kernel lets it go: route, root
                // qdisc, then tc's refusal, named with the host; the host's qdisc is left as it was.
                String before = n1.exec(List.of("tc", "qdisc", "show")).stdout();
                NetemLinks direct = new NetemLinks(env.nodes().stream().map(n -> (SshNode) n).toList());
                EnvironmentException e = assertThrows(EnvironmentException.class,
                        () -> direct.delay(n1, n2, Duration.ofMillis(150), Duration.ZERO));
                assertTrue(e.getMessage().contains("tc netem delay 150ms for n1->n2 on host " + n1.host()), e.getMessage());
                direct.heal();
                assertEquals(before, n1.exec(List.of("tc", "qdisc", "show")).stdout());
            } else {
                assertTrue(env.capabilities().contains(Capability.PACKET_DELAY), env.whyMissing(Capability.PACKET_DELAY));
                LinkControl links = env.links().orElseThrow();
                links.delay(n1, n2, Duration.ofMillis(150), Duration.ZERO);
                LinkControl.Observed o = links.observed(n1, n2);
                assertTrue(o.meanHoldNanos() >= 140_000_000L && o.chunks() >= 3, "connects from n1 to n2 were held: " + o);
                links.heal();
                assertEquals("", n1.exec(List.of("sh", "-c", "tc qdisc show | grep " + NetemLinks.HANDLE + "; true")).stdout().strip());
            }
        } finally {
            env.close();
        }
        try (SshConnector c = new SshConnector(hosts.remoteHosts());
             SshHost h = c.connect(new RemoteHosts.Host(n1.host(), 22))) {
            assertEquals("", h.run("tc qdisc show | grep " + NetemLinks.HANDLE + "; ip netns list | grep faultline-netem-probe; true",
                    Duration.ofSeconds(10)).stdout().strip(), "no qdisc and no probe namespace left");
        }
    }

    /** This kernel's own answer, without the code under test: netem in a scratch namespace. */
    private static boolean kernelHasNetem() throws Exception {
        String ns = "faultline-netemchk-" + ProcessHandle.current().pid();
        assertEquals(0, new ProcessBuilder("ip", "netns", "add", ns).inheritIO().start().waitFor());
        try {
            return new ProcessBuilder("ip", "netns", "exec", ns, "tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay", "1ms")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } finally {
            new ProcessBuilder("ip", "netns", "del", ns).inheritIO().start().waitFor();
        }
    }

    private static String fingerprint(Path pub) throws Exception {
        Process p = new ProcessBuilder("ssh-keygen", "-l", "-E", "sha256", "-f", pub.toString()).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return out.split("\\s+")[1];
    }
}
