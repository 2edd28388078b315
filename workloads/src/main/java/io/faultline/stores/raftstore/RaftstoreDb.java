package io.faultline.stores.raftstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.db.LeaderAware;
import io.faultline.db.LogFiles;
import io.faultline.env.Environment;
import io.faultline.env.Node;
import io.faultline.stores.ProcessDb;
import io.faultline.stores.Warmup;
import io.faultline.stores.StoreProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bundled Raft store on the nodes of an environment: one {@code io.faultline.raftstore.Main}
 * JVM per node, started with the harness's own java binary, data under {@code nodes/<node>/data}
 * and stdout in {@code nodes/<node>/raftstore.log}. Peers dial each other through
 * {@link Environment#peerAddress}, so the fault proxy sits on every peer link when there is one.
 */
public final class RaftstoreDb extends ProcessDb implements LeaderAware, LogFiles {
    static final int CLIENT_PORT = 7001;
    static final int PEER_PORT = 7002;
    private static final Duration READY_LIMIT = Duration.ofSeconds(40);

    /**
     * C1 only and the serial collector: measured through the harness (register, concurrency 32, no
     * faults, 10 s warm-up), C2 left three nodes compiling on two cores through the warm-up and the
     * measured phase and served a third of the ok ops (docs/notes/compare.md). Heap use is small
     * (a run's keys and log), and GC pauses were under 0.3 s in a 20 s run.
     */
    static final String DEFAULT_JVM_OPTS = "-XX:+UseSerialGC -Xms32m -Xmx256m -XX:TieredStopAtLevel=1";

    private final Path home;
    private final List<String> faults;
    private final Map<String, String> settings;
    private final ObjectMapper json;
    private final Duration warmup;
    private final RaftstoreConnections connections = new RaftstoreConnections(RaftstoreClient.CONNECT_TIMEOUT);
    private volatile Environment env;

    public RaftstoreDb(Path home, List<String> faults, Map<String, String> settings, ObjectMapper json) {
        super("raftstore", "");
        this.home = home;
        this.faults = List.copyOf(faults);
        this.settings = Map.copyOf(settings);
        this.warmup = Warmup.length(settings, Warmup.DEFAULT_SECONDS);
        this.json = json;
    }

    @Override
    public String name() {
        return "raftstore";
    }

    @Override
    public String version() {
        return "faultline raftstore (classes in " + classes() + ")";
    }

    Path classes() {
        return home.resolve("raftstore").resolve("target").resolve("classes");
    }

    @Override
    protected void configure(Environment environment) {
        Path main = classes().resolve("io/faultline/raftstore/Main.class");
        if (!Files.isRegularFile(main)) {
            throw new IllegalStateException("raftstore is not built: " + main + " is missing (faultline.home is " + home
                    + "; build with ./mvnw -q -pl raftstore compile, or run through ./faultline)");
        }
        this.env = environment;
        assignPorts(environment.nodes(), CLIENT_PORT, PEER_PORT);
        for (Node n : environment.nodes()) {
            try {
                Files.createDirectories(dataDir(n));
            } catch (IOException e) {
                throw new IllegalStateException("cannot create " + dataDir(n) + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    protected Path log(Node n) {
        return n.dir().resolve("raftstore.log");
    }

    private int clientPort(Node n) {
        return port(n, 0);
    }

    private int peerPort(Node n) {
        return port(n, 1);
    }

    /** The command line for {@code node}; visible for tests. */
    @Override
    protected List<String> command(Node node) {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        for (String o : jvmOpts().trim().split("\\s+")) if (!o.isEmpty()) cmd.add(o);
        cmd.addAll(List.of("-cp", classes().toString(), "io.faultline.raftstore.Main",
                "--id", node.name(),
                "--data-dir", dataDir(node).toString(),
                "--client", node.host() + ":" + clientPort(node),
                "--peer", node.host() + ":" + peerPort(node)));
        StringBuilder peers = new StringBuilder();
        for (Node other : env.nodes()) {
            if (!peers.isEmpty()) peers.append(',');
            String addr = other.name().equals(node.name())
                    ? other.host() + ":" + peerPort(other)
                    : env.peerAddress(node, other, peerPort(other));
            peers.append(other.name()).append('=').append(addr);
        }
        cmd.add("--peers");
        cmd.add(peers.toString());
        if (!faults.isEmpty()) {
            cmd.add("--fault");
            cmd.add(String.join(",", faults));
        }
        for (String opt : List.of("election-timeout-ms", "heartbeat-ms", "snapshot-threshold", "session-expiry-s", "lease-ms")) {
            String v = settings.get(opt);
            if (v != null) {
                cmd.add("--" + opt);
                cmd.add(v);
            }
        }
        return cmd;
    }

    /**
     * Ready when every running node names the same leader and that leader says it leads. One
     * exited node does not end the wait (the others may still agree); every process having
     * exited does, with the cause from the first node's log.
     */
    @Override
    public void awaitReady() throws Exception {
        processes().awaitReady(env.nodes(), READY_LIMIT, StoreProcesses.GiveUpWhen.ALL_EXITED,
                () -> agreedLeader().isPresent() ? Optional.empty() : Optional.of(describe()),
                "no leader agreed");
    }

    private Optional<String> agreedLeader() {
        Optional<String> leader = leaderAgreedBy(env.nodes(),
                n -> status(n).filter(s -> s.path("leader").isTextual()).map(s -> s.get("leader").asText()));
        if (leader.isEmpty()) return leader;
        String l = leader.get();
        Optional<Node> ln = env.nodes().stream().filter(n -> n.name().equals(l)).findFirst();
        if (ln.isEmpty() || !isRunning(ln.get())) return Optional.empty();
        Optional<JsonNode> ls = status(ln.get());
        return ls.isPresent() && "leader".equals(ls.get().path("role").asText()) ? Optional.of(l) : Optional.empty();
    }

    private String describe() {
        StringBuilder b = new StringBuilder();
        for (Node n : env.nodes()) {
            if (!b.isEmpty()) b.append("; ");
            if (!isRunning(n)) {
                b.append(n.name()).append(" not running");
                continue;
            }
            b.append(n.name()).append(": ").append(status(n).map(JsonNode::toString).orElse("no answer"));
        }
        return b.toString();
    }

    private Optional<JsonNode> status(Node n) {
        try (RaftstoreHttp http = new RaftstoreHttp(clientAddress(n), json, Duration.ofMillis(500), Duration.ofSeconds(1))) {
            RaftstoreHttp.Reply r = http.get("/status");
            return r instanceof RaftstoreHttp.Reply.Ok ok ? Optional.of(ok.body()) : Optional.empty();
        }
    }

    @Override
    public Optional<Node> leader() {
        for (Node n : env.nodes()) {
            if (!isRunning(n)) continue;
            Optional<JsonNode> s = status(n);
            if (s.isPresent() && s.get().path("leader").isTextual()) {
                String l = s.get().get("leader").asText();
                return env.nodes().stream().filter(x -> x.name().equals(l)).findFirst();
            }
        }
        return Optional.empty();
    }

    private String jvmOpts() {
        return settings.getOrDefault("jvm-opts", DEFAULT_JVM_OPTS);
    }

    @Override
    public Map<String, String> processSettings() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("jvm-opts", jvmOpts());
        m.put("warm-up", Warmup.describe(warmup, "puts and linearizable gets on keys no workload uses, over every node"));
        return m;
    }

    /**
     * Puts and linearizable gets on keys of its own, through the clients' shared connections to
     * every node (so followers' forwarding warms up too), for {@code warmup-s}.
     */
    @Override
    public String warmUp() throws InterruptedException {
        List<Node> nodes = env.nodes();
        return Warmup.run("raftstore", warmup, Warmup.CONCURRENCY, (worker, n) -> {
            Node node = nodes.get(worker % nodes.size());
            String address = clientAddress(node);
            try (RaftstoreHttp http = new RaftstoreHttp(connections.forAddress(address), address, json, Duration.ofSeconds(2))) {
                String path = "/kv/faultline-warmup-" + worker;
                RaftstoreHttp.Reply r = n % 2 == 0
                        ? http.send("PUT", path, Map.of("value", Long.toString(n)), true)
                        : http.get(path);
                return r instanceof RaftstoreHttp.Reply.Ok;
            }
        });
    }

    /** The clients' shared HTTP connections, one client per node; closed at teardown. */
    RaftstoreConnections connections() {
        return connections;
    }

    @Override
    public String clientAddress(Node node) {
        return node.host() + ":" + clientPort(node);
    }

    @Override
    public List<Path> logFiles(Node node) {
        return List.of(log(node));
    }

    @Override
    public void teardown() {
        connections.close();
        processes().stopAll(Duration.ofSeconds(5));
    }
}
