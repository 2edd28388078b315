package io.faultline.stores.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.db.LeaderAware;
import io.faultline.db.LogFiles;
import io.faultline.env.Environment;
import io.faultline.env.Node;
import io.faultline.stores.ProcessDb;
import io.faultline.stores.StoreProcesses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real etcd cluster: one {@code etcd} process per node, client and peer URLs on the node's
 * address, data in {@code nodes/<node>/data}, stderr (etcd's zap log) in
 * {@code nodes/<node>/etcd.log}. Kill and restart reuse the data dir; etcd then ignores the
 * initial-cluster flags and rejoins from its WAL.
 *
 * <p>etcd derives member ids from the advertised peer URLs, so every member must see the same URL
 * for a peer; per-link proxy addresses ({@code from -> to}) cannot work. Each member therefore
 * advertises the address its first peer dials for it: with the fault proxy on, all traffic into a
 * member passes one proxy, as in etcd's own robustness tests, and a delay "into n2" hits every
 * sender alike.
 */
public final class EtcdDb extends ProcessDb implements LeaderAware, LogFiles {
    static final int CLIENT_PORT = 2379;
    static final int PEER_PORT = 2380;
    private static final Duration READY_LIMIT = Duration.ofSeconds(40);

    private final EtcdBinary binary;
    private final Map<String, String> settings;
    private final ObjectMapper json;
    private final EtcdConnections connections;
    private final Duration warmup;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private volatile Environment env;
    private volatile String token;

    /** @param connections the clients' shared connections, closed before the members stop */
    EtcdDb(EtcdBinary binary, Map<String, String> settings, ObjectMapper json, EtcdConnections connections) {
        super("etcd", binary.version());
        this.binary = binary;
        this.connections = connections;
        this.warmup = io.faultline.stores.Warmup.length(settings, io.faultline.stores.Warmup.DEFAULT_SECONDS);
        this.settings = Map.copyOf(settings);
        this.json = json;
    }

    @Override
    public String name() {
        return "etcd";
    }

    @Override
    public String version() {
        return binary.version();
    }

    @Override
    protected void configure(Environment environment) {
        this.env = environment;
        this.token = "faultline-" + Long.toString(System.nanoTime(), 36);
        assignPorts(environment.nodes(), CLIENT_PORT, PEER_PORT);
        for (Node n : environment.nodes()) {
            try {
                Files.createDirectories(n.dir());
            } catch (IOException e) {
                throw new IllegalStateException("cannot create " + n.dir() + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    protected Path log(Node n) {
        return n.dir().resolve("etcd.log");
    }

    /** The URL every member dials for {@code member}'s peer port (see the class comment). */
    private String advertisedPeer(Node member) {
        Node from = env.nodes().stream().filter(o -> !o.name().equals(member.name())).findFirst().orElse(member);
        String addr = from == member ? member.host() + ":" + port(member, 1) : env.peerAddress(from, member, port(member, 1));
        return "http://" + addr;
    }

    /** etcd runs with its defaults (fsync on, default snapshot count and quotas) but for the timings below. */
    @Override
    public java.util.Map<String, String> processSettings() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("flags", "--heartbeat-interval " + settings.getOrDefault("heartbeat-ms", "100") + " --election-timeout "
                + settings.getOrDefault("election-timeout-ms", "1000")
                + (settings.get("etcd-flags") == null ? "" : " " + settings.get("etcd-flags").trim())
                + "; everything else etcd's defaults (fsync on every commit)");
        // etcd is compiled ahead of time; its warm-up warms the harness's jetcd client and the
        // members' caches, as the JVM stores' warm-up does theirs.
        m.put("warm-up", io.faultline.stores.Warmup.describe(warmup, "puts and linearizable gets on keys no workload uses, over every member"));
        return m;
    }

    @Override
    public String warmUp() throws InterruptedException {
        List<Node> nodes = env.nodes();
        return io.faultline.stores.Warmup.run("etcd", warmup, io.faultline.stores.Warmup.CONCURRENCY, (worker, n) -> {
            String endpoint = "http://" + clientAddress(nodes.get(worker % nodes.size()));
            var kv = connections.forEndpoint(endpoint).getKVClient();
            var key = EtcdClient.bytes("faultline-warmup-" + worker);
            if (n % 2 == 0) kv.put(key, EtcdClient.bytes(Long.toString(n))).get(2, java.util.concurrent.TimeUnit.SECONDS);
            else kv.get(key).get(2, java.util.concurrent.TimeUnit.SECONDS);
            return true;
        });
    }

    /** The command line for {@code node}; visible for tests. */
    @Override
    protected List<String> command(Node node) {
        StringBuilder cluster = new StringBuilder();
        for (Node n : env.nodes()) {
            if (!cluster.isEmpty()) cluster.append(',');
            cluster.append(n.name()).append('=').append(advertisedPeer(n));
        }
        String client = "http://" + clientAddress(node);
        List<String> cmd = new ArrayList<>(List.of(binary.path().toString(),
                "--name", node.name(),
                "--data-dir", dataDir(node).toString(),
                "--listen-client-urls", client,
                "--advertise-client-urls", client,
                "--listen-peer-urls", "http://" + node.host() + ":" + port(node, 1),
                "--initial-advertise-peer-urls", advertisedPeer(node),
                "--initial-cluster", cluster.toString(),
                "--initial-cluster-state", "new",
                "--initial-cluster-token", token,
                // Short timings so a lost leader is replaced within a second or two of a fault.
                "--heartbeat-interval", settings.getOrDefault("heartbeat-ms", "100"),
                "--election-timeout", settings.getOrDefault("election-timeout-ms", "1000"),
                "--logger", "zap",
                "--log-outputs", "stderr"));
        String extra = settings.get("etcd-flags");
        if (extra != null) for (String f : extra.trim().split("\\s+")) if (!f.isEmpty()) cmd.add(f);
        return cmd;
    }

    /**
     * Ready when every running member names the same leader and that leader runs. A member that
     * was started and has exited is an error at once, with the end of its log (port in use, bad
     * data dir, ...), rather than a 40 s wait.
     */
    @Override
    public void awaitReady() throws Exception {
        processes().awaitReady(env.nodes(), READY_LIMIT, StoreProcesses.GiveUpWhen.ONE_EXITED,
                () -> agreedLeader().isPresent() ? Optional.empty() : Optional.of(describe()),
                "etcd members agreed on no leader");
    }

    private Optional<Node> agreedLeader() {
        // etcd says "0" for no leader.
        return leaderAgreedBy(env.nodes(), n -> status(n).map(s -> s.path("leader").asText("0")).filter(l -> !l.equals("0")))
                .flatMap(this::memberNode).filter(this::isRunning);
    }

    /** The node whose member id is {@code id}, asking each running member for its own id. */
    private Optional<Node> memberNode(String id) {
        for (Node n : env.nodes()) {
            if (!isRunning(n)) continue;
            Optional<JsonNode> s = status(n);
            if (s.isPresent() && s.get().path("header").path("member_id").asText("").equals(id)) return Optional.of(n);
        }
        return Optional.empty();
    }

    private String describe() {
        StringBuilder b = new StringBuilder();
        for (Node n : env.nodes()) {
            if (!b.isEmpty()) b.append("; ");
            b.append(n.name()).append(": ");
            if (!isRunning(n)) b.append("not running");
            else b.append(status(n).map(s -> "leader " + s.path("leader").asText("?")).orElse("no answer"));
        }
        return b.toString();
    }

    /** Maintenance status through etcd's JSON gateway: {@code {"header":{"member_id":..},"leader":..}}. */
    private Optional<JsonNode> status(Node n) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + clientAddress(n) + "/v3/maintenance/status"))
                    .timeout(Duration.ofSeconds(1)).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(json.readTree(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public Optional<Node> leader() {
        for (Node n : env.nodes()) {
            if (!isRunning(n)) continue;
            Optional<JsonNode> s = status(n);
            if (s.isPresent() && !s.get().path("leader").asText("0").equals("0")) return memberNode(s.get().path("leader").asText());
        }
        return Optional.empty();
    }

    @Override
    public String clientAddress(Node node) {
        return node.host() + ":" + port(node, 0);
    }

    /** Every member's client URL, for clients that may talk to any member. */
    List<String> endpoints() {
        return env.nodes().stream().map(n -> "http://" + clientAddress(n)).toList();
    }

    @Override
    public List<Path> logFiles(Node node) {
        return List.of(log(node));
    }

    @Override
    public void teardown() {
        try {
            connections.close();
        } catch (Exception e) {
            // best effort: the processes below are what must go
        }
        processes().stopAll(Duration.ofSeconds(5));
    }
}
