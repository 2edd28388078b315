package io.faultline.docker;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.env.Capability;
import io.faultline.env.DelayCheck;
import io.faultline.env.ExecResult;
import io.faultline.env.HostCommand;
import io.faultline.env.LinkControl;
import io.faultline.env.Node;
import io.faultline.env.NodeProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packet delay and stall under {@code --env docker}, verified by their effect as the local tests
 * do: the fault proxy runs in this JVM on addresses of the run's bridge, containers dial it, and
 * a delayed link raises measured latency, a stalled link stops a real raftstore follower from
 * applying, and a partition by iptables inside a container cuts proxied traffic too.
 */
@Tag("docker")
class DockerFaultProxyTest {
    private static final String IMAGE = DockerImages.forStore("raftstore");
    /**
     * Where the tiny echo server's class lives (the env module's test classes or test jar): mounted
     * into the containers and put on their class path.
     */
    private static final Path TEST_CLASSES = codeSource(io.faultline.env.EchoMain.class);

    private static Path codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().normalize();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
    private static final int ECHO_PORT = 7000;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void needDocker() {
        DockerTests.require(IMAGE);
    }

    private static String runId(String what) {
        return "t" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "-" + what;
    }

    @Test
    void delayStallAndPartitionActOnProxiedLinksBetweenContainers(@TempDir Path dir) throws Exception {
        String run = runId("proxy");
        String bridge;
        List<String> proxyAddresses;
        try (DockerEnvironment env = DockerEnvironment.create(
                new DockerSpec(run, 2, dir, false, IMAGE, List.of(TEST_CLASSES), true))) {
            assertTrue(env.capabilities().contains(Capability.PACKET_DELAY), env.description());
            assertEquals("", env.whyMissing(Capability.PACKET_DELAY));
            Node n1 = env.nodes().get(0);
            Node n2 = env.nodes().get(1);
            assertEquals(2, env.addressesOf(n1).size(), "a node's own address and its proxy address");
            proxyAddresses = List.of(env.addressesOf(n1).get(1), env.addressesOf(n2).get(1));
            bridge = BridgeProxy.bridgeCarrying(proxyAddresses.get(0)).orElseThrow();
            assertTrue(bridge.startsWith("br-"), "proxy addresses live on the run's bridge: " + bridge);

            NodeProcess echo = n2.spawn(List.of("java", "-cp", TEST_CLASSES.toString(), "io.faultline.env.EchoMain",
                    n2.host(), Integer.toString(ECHO_PORT)), Map.of(), n2.dir().resolve("echo.log"));
            waitFor(() -> Files.exists(n2.dir().resolve("echo.log"))
                    && Files.readString(n2.dir().resolve("echo.log")).contains("listening"), "the echo server listens", 60);
            String link = env.peerAddress(n1, n2, ECHO_PORT);
            assertTrue(link.startsWith(env.addressesOf(n2).get(1) + ":"), "n1 dials n2's proxy address: " + link);
            assertEquals(link, env.peerAddress(n1, n2, ECHO_PORT), "one proxy per link");
            LinkControl links = env.links().orElseThrow();

            long base = roundTripMillis(n1, link);
            assertTrue(base >= 0 && base < 100, "baseline round trip through the proxy: " + base + " ms");

            long[] delayed = DelayCheck.oneWayThenBoth(links, n1, n2, 150, 100, 400, () -> roundTripMillis(n1, link));
            links.heal();
            long healed = roundTripMillis(n1, link);
            System.out.printf("docker proxy round trips (best of 3, ms): base %d, n1->n2 +150: %d, both ways +150/+100: %d, healed %d%n",
                    base, delayed[0], delayed[1], healed);
            assertTrue(healed >= 0 && healed < 100, "no delay after heal: " + healed + " ms");

            // A client in n1 sends a line every 100 ms and logs each answer; a stall holds them all.
            Path replies = n1.dir().resolve("client.log");
            String[] hp = split(link);
            NodeProcess client = n1.spawn(List.of("bash", "-c", "exec 3<>/dev/tcp/" + hp[0] + "/" + hp[1]
                    + "; cat <&3 & i=0; while [ $i -lt 600 ]; do echo m$i >&3; i=$((i+1)); sleep 0.1; done"),
                    Map.of(), replies);
            waitFor(() -> lines(replies) >= 5, "answers flow before the stall", 20);
            links.stall(n1, n2);
            Thread.sleep(500); // what was in flight when the stall began
            long heldAt = lines(replies);
            long bytesAt = env.proxyLinks().orElseThrow().forwardedBytes(n1, n2);
            Thread.sleep(1_500);
            assertEquals(heldAt, lines(replies), "a stalled link delivers nothing");
            assertEquals(bytesAt, env.proxyLinks().orElseThrow().forwardedBytes(n1, n2), "no byte forwarded while stalled");
            links.heal();
            waitFor(() -> lines(replies) >= heldAt + 15, "heal releases what the stall held", 10);
            client.kill();

            // A partition drops both of n1's addresses inside n2: proxied traffic is cut as well as direct.
            for (String a : env.addressesOf(n1)) {
                assertTrue(n2.exec(List.of("iptables", "-w", "-A", "INPUT", "-s", a, "-j", "DROP")).ok());
            }
            assertEquals(-1, roundTripMillis(n1, link), "n2 drops what the proxy sends for n1");
            assertTrue(n2.exec(List.of("iptables", "-w", "-F", "INPUT")).ok());
            assertTrue(roundTripMillis(n1, link) >= 0, "after the flush the link works again");
            echo.kill();
        }
        String after = HostCommand.run(List.of("ip", "-o", "-4", "addr", "show")).stdout();
        for (String a : proxyAddresses) {
            assertFalse(after.contains(" " + a + "/"), "proxy address " + a + " removed at close");
        }
        assertEquals(List.of(), DockerCleanup.find(DockerEngine.connect().client(), Optional.of(run)));
    }

    @Test
    void withoutTheProxyPeersDialDirectlyAndDelayIsNamedAsNotAskedFor(@TempDir Path dir) {
        try (DockerEnvironment env = DockerEnvironment.create(new DockerSpec(runId("direct"), 2, dir, false, IMAGE, List.of()))) {
            Node n1 = env.nodes().get(0);
            Node n2 = env.nodes().get(1);
            assertFalse(env.capabilities().contains(Capability.PACKET_DELAY));
            assertTrue(env.whyMissing(Capability.PACKET_DELAY).contains("not asked"), env.whyMissing(Capability.PACKET_DELAY));
            assertEquals(n2.host() + ":7002", env.peerAddress(n1, n2, 7002));
            assertEquals(List.of(n1.host()), env.addressesOf(n1));
            assertTrue(env.links().isEmpty());
        }
    }

    /**
     * The bundled store, started in the containers from the image's classes with --peers from
     * {@code peerAddress}: a stall of every link into a follower freezes its applied index while
     * the majority commits; heal lets it catch up; a delay on the leader's outgoing links shows
     * in every write's latency (a write commits only after a follower's acknowledgement).
     */
    @Test
    void raftstoreFollowerStopsApplyingWhileItsLinksStallAndWritesSlowUnderDelay(@TempDir Path dir) throws Exception {
        String run = runId("raft");
        try (RaftCluster cluster = RaftCluster.start(run, dir)) {
            DockerEnvironment env = cluster.env();
            List<Node> nodes = env.nodes();
            String[] leaderName = {awaitLeader(HTTP, nodes, 90)};
            Node leader = nodes.stream().filter(n -> n.name().equals(leaderName[0])).findFirst().orElseThrow();
            Node victim = nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
            Node other = nodes.stream().filter(n -> n != leader && n != victim).findFirst().orElseThrow();
            for (int i = 0; i < 5; i++) {
                put(HTTP, leader, "warm" + i);
            }
            LinkControl links = env.links().orElseThrow();

            long[] base = latencies(HTTP, leader, "base", 7);
            links.delay(leader, victim, Duration.ofMillis(200), Duration.ZERO);
            links.delay(leader, other, Duration.ofMillis(200), Duration.ZERO);
            long[] slow = latencies(HTTP, leader, "slow", 7);
            links.heal();
            System.out.printf("raftstore in docker, put latency median (ms): %d, with the leader's links delayed 200 ms: %d%n",
                    median(base), median(slow));
            assertTrue(median(slow) >= 200 && median(slow) >= median(base) + 150,
                    "writes wait for a delayed acknowledgement: median " + median(base) + " ms before, " + median(slow) + " ms delayed");

            waitFor(() -> applied(HTTP, victim) >= commit(HTTP, leader), "the follower has caught up before the stall", 20);
            links.stall(leader, victim);
            links.stall(other, victim);
            long frozen = applied(HTTP, victim);
            for (int i = 0; i < 20; i++) {
                put(HTTP, leader, "stalled" + i);
            }
            long committed = commit(HTTP, leader);
            assertTrue(committed >= frozen + 20, "the majority commits without the victim: " + frozen + " -> " + committed);
            assertEquals(frozen, applied(HTTP, victim), "nothing reaches " + victim.name() + " while its links stall");
            links.heal();
            waitFor(() -> applied(HTTP, victim) >= committed, "heal lets " + victim.name() + " catch up to " + committed, 30);
        }
        assertEquals(List.of(), DockerCleanup.find(DockerEngine.connect().client(), Optional.of(run)));
    }

    /**
     * Kill and restart go through the proxy too: the killed node's proxied connections break, the
     * peers notice and dial again, and the restarted node hears the leader, as with direct links.
     */
    @Test
    void raftstoreLeaderKilledAndRestartedRejoinsThroughTheProxy(@TempDir Path dir) throws Exception {
        try (RaftCluster cluster = RaftCluster.start(runId("kill"), dir)) {
            DockerEnvironment env = cluster.env();
            List<Node> nodes = env.nodes();
            List<NodeProcess> procs = new ArrayList<>(cluster.processes());
            String first = awaitLeader(HTTP, nodes, 90);
            int victim = nodes.indexOf(nodes.stream().filter(n -> n.name().equals(first)).findFirst().orElseThrow());
            put(HTTP, nodes.get(victim), "before");
            procs.get(victim).kill();
            List<Node> rest = nodes.stream().filter(n -> n != nodes.get(victim)).toList();
            String second = awaitLeader(HTTP, rest, first, 30);
            Node leader = rest.stream().filter(n -> n.name().equals(second)).findFirst().orElseThrow();
            for (int i = 0; i < 5; i++) {
                put(HTTP, leader, "while-down" + i);
            }
            procs.set(victim, startRaftstore(env, nodes.get(victim)));
            try {
                awaitLeader(HTTP, nodes, 30);
                long committed = commit(HTTP, leader);
                waitFor(() -> applied(HTTP, nodes.get(victim)) >= committed, "the restarted node catches up", 30);
            } catch (AssertionError e) {
                for (Node n : nodes) {
                    System.out.println("--- " + n.name() + " raftstore.log:\n" + Files.readString(n.dir().resolve("raftstore.log")));
                }
                throw e;
            }
        }
    }

    /**
     * A receiver that dies must look dead to the sender through the proxy as it does directly: the
     * sender's writes fail (reset), so it re-dials instead of writing into a half-open connection.
     */
    @Test
    void aKilledReceiverBreaksTheSendersProxiedConnection(@TempDir Path dir) throws Exception {
        try (DockerEnvironment env = DockerEnvironment.create(
                new DockerSpec(runId("dead"), 2, dir, false, IMAGE, List.of(TEST_CLASSES), true))) {
            Node n1 = env.nodes().get(0);
            Node n2 = env.nodes().get(1);
            NodeProcess echo = n2.spawn(List.of("java", "-cp", TEST_CLASSES.toString(), "io.faultline.env.EchoMain",
                    n2.host(), Integer.toString(ECHO_PORT)), Map.of(), n2.dir().resolve("echo.log"));
            waitFor(() -> Files.exists(n2.dir().resolve("echo.log"))
                    && Files.readString(n2.dir().resolve("echo.log")).contains("listening"), "the echo server listens", 60);
            String[] hp = split(env.peerAddress(n1, n2, ECHO_PORT));
            Path log = n1.dir().resolve("writer.log");
            // Writes only, never reads: like a Raft leader's outgoing link. Logs when a write fails.
            n1.spawn(List.of("bash", "-c", "trap '' PIPE; exec 3<>/dev/tcp/" + hp[0] + "/" + hp[1] + "; echo connected; i=0; "
                    + "while [ $i -lt 300 ]; do if ! echo m$i >&3; then echo write-failed; exit 0; fi; i=$((i+1)); sleep 0.1; done"),
                    Map.of(), log);
            waitFor(() -> Files.exists(log) && Files.readString(log).contains("connected"), "the writer connects", 20);
            Thread.sleep(500);
            echo.kill();
            waitFor(() -> Files.readString(log).contains("write-failed"), "the writer's writes fail once the receiver is dead", 10);
        }
    }

    /** Three containers with peer links through the fault proxy, each running raftstore. */
    private record RaftCluster(DockerEnvironment env, List<NodeProcess> processes) implements AutoCloseable {
        static RaftCluster start(String run, Path dir) {
            DockerEnvironment env = DockerEnvironment.create(new DockerSpec(run, 3, dir, false, IMAGE, List.of(), true));
            try {
                return new RaftCluster(env, env.nodes().stream().map(n -> startRaftstore(env, n)).toList());
            } catch (RuntimeException e) {
                env.close();
                throw e;
            }
        }

        @Override
        public void close() {
            env.close();
        }
    }

    private static NodeProcess startRaftstore(DockerEnvironment env, Node n) {
        List<String> cmd = new ArrayList<>(List.of("java", "-XX:+UseSerialGC", "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-cp", "/opt/faultline/raftstore/classes", "io.faultline.raftstore.Main", "--id", n.name(),
                "--data-dir", n.dir().resolve("data").toString(), "--client", n.host() + ":7001",
                "--peer", n.host() + ":7002", "--election-timeout-ms", "600", "--heartbeat-ms", "100", "--peers"));
        StringBuilder peers = new StringBuilder();
        for (Node o : env.nodes()) {
            peers.append(peers.isEmpty() ? "" : ",").append(o.name()).append('=')
                    .append(o == n ? o.host() + ":7002" : env.peerAddress(n, o, 7002));
        }
        cmd.add(peers.toString());
        try {
            return n.spawn(cmd, Map.of(), n.dir().resolve("raftstore.log"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits until every node in {@code nodes} names the same leader; returns its name. */
    private static String awaitLeader(HttpClient http, List<Node> nodes, int seconds) throws Exception {
        return awaitLeader(http, nodes, "", seconds);
    }

    /** As above, with a leader other than {@code notThis} (a killed one the others still remember). */
    private static String awaitLeader(HttpClient http, List<Node> nodes, String notThis, int seconds) throws Exception {
        String[] agreed = new String[1];
        waitFor(() -> {
            String l = null;
            for (Node n : nodes) {
                Optional<String> seen = get(http, n, "/status").flatMap(b -> field(b, "\"leader\":\"([^\"]+)\""));
                if (seen.isEmpty() || seen.get().equals(notThis) || (l != null && !l.equals(seen.get()))) {
                    return false;
                }
                l = seen.get();
            }
            agreed[0] = l;
            return true;
        }, "nodes " + nodes + " agree on a leader", seconds);
        return agreed[0];
    }

    private static long[] latencies(HttpClient http, Node leader, String key, int n) throws Exception {
        long[] ms = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            put(http, leader, key + i);
            ms[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        return ms;
    }

    private static long median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private static void put(HttpClient http, Node n, String key) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://" + n.host() + ":7001/kv/" + key))
                .timeout(Duration.ofSeconds(10)).PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"v\"}")).build();
        HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, resp.statusCode(), "PUT " + key + " on " + n.name() + ": " + resp.body());
    }

    private static long applied(HttpClient http, Node n) {
        return get(http, n, "/status").flatMap(b -> field(b, "\"appliedIndex\":(\\d+)")).map(Long::parseLong)
                .orElseThrow(() -> new AssertionError(n.name() + " does not answer /status"));
    }

    private static long commit(HttpClient http, Node n) {
        return get(http, n, "/status").flatMap(b -> field(b, "\"commitIndex\":(\\d+)")).map(Long::parseLong)
                .orElseThrow(() -> new AssertionError(n.name() + " does not answer /status"));
    }

    private static Optional<String> get(HttpClient http, Node n, String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + n.host() + ":7001" + path))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Optional<String> field(String body, String regex) {
        Matcher m = Pattern.compile(regex).matcher(body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * Best of three round trips from inside {@code from}'s container over a fresh connection to
     * {@code link}, timed in the container; -1 when no answer comes within 4 s.
     */
    private static long roundTripMillis(Node from, String link) throws Exception {
        String[] hp = split(link);
        ExecResult r = from.exec(List.of("bash", "-c", "exec 3<>/dev/tcp/" + hp[0] + "/" + hp[1] + " || exit 9; best=999999; "
                + "for i in 1 2 3; do t0=$(date +%s%N); echo ping >&3; read -r -t 4 l <&3 || exit 7; t1=$(date +%s%N); "
                + "d=$(( (t1-t0)/1000000 )); [ $d -lt $best ] && best=$d; done; echo $best"));
        return r.ok() ? Long.parseLong(r.stdout().strip()) : -1;
    }

    private static String[] split(String hostPort) {
        int c = hostPort.lastIndexOf(':');
        return new String[] {hostPort.substring(0, c), hostPort.substring(c + 1)};
    }

    private static long lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> l.startsWith("hi ")).count() : 0;
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check, String what, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(200);
        }
        fail("within " + seconds + " s: " + what);
    }
}
