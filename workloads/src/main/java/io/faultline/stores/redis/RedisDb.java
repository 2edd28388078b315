package io.faultline.stores.redis;

import io.faultline.db.LeaderAware;
import io.faultline.db.LogFiles;
import io.faultline.env.Environment;
import io.faultline.env.Node;
import io.faultline.stores.ProcessDb;
import io.faultline.stores.StoreProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/**
 * Redis with Sentinel: on every node one {@code redis-server} (the first node's starts as the
 * primary, the others as its replicas) and one {@code redis-sentinel} monitoring the primary as
 * {@value #MASTER}. Configs, data and logs live in the node folder ({@code redis.conf},
 * {@code sentinel.conf}, both rewritten by Redis itself on a failover; {@code redis.log},
 * {@code sentinel.log}).
 *
 * <p>The nemeses act on the data servers: kill, pause and restart hit {@code redis-server}, while
 * the sentinels (the control plane, separate processes) keep running, as they would on real
 * hosts; partitions cut a node's sentinel with its server, since both share the node's network.
 * Sentinels start once the servers run, so that they find the replicas at once. Replication and
 * Sentinel links use the nodes' own addresses: Redis announces one address per server, so the
 * fault proxy's per-link addresses cannot be used (as for etcd).
 */
public final class RedisDb extends ProcessDb implements LeaderAware, LogFiles {
    static final String MASTER = "faultline";
    static final int REDIS_PORT = 6379;
    static final int SENTINEL_PORT = 26379;
    private static final Duration READY_LIMIT = Duration.ofSeconds(60);
    private static final int ADMIN_TIMEOUT_MS = 1000;

    private final String binary;
    private final String version;
    private final RedisSettings settings;
    private final StoreProcesses sentinels;
    private final RedisConnections connections;
    private volatile Environment env;

    RedisDb(String binary, String version, RedisSettings settings, RedisConnections connections) {
        super("redis", version);
        this.binary = binary;
        this.version = version;
        this.settings = settings;
        this.connections = connections;
        this.sentinels = new StoreProcesses("redis-sentinel", version, n -> n.dir().resolve("sentinel.log"));
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Map<String, String> processSettings() {
        return settings.effective();
    }

    /** Warms the harness's Jedis pool and the primary, as the other stores' warm-ups do theirs. */
    @Override
    public String warmUp() throws InterruptedException {
        return io.faultline.stores.Warmup.run("redis", settings.warmup(), io.faultline.stores.Warmup.CONCURRENCY, (worker, n) -> {
            try (Jedis j = connections.borrow()) {
                String key = "faultline-warmup-" + worker;
                if (n % 2 == 0) j.set(key, Long.toString(n));
                else j.get(key);
                return true;
            }
        });
    }

    @Override
    protected void configure(Environment environment) {
        this.env = environment;
        assignPorts(environment.nodes(), REDIS_PORT, SENTINEL_PORT);
        for (Node n : environment.nodes()) {
            try {
                Files.createDirectories(dataDir(n));
                Files.writeString(redisConf(n), redisConfig(n));
                Files.writeString(sentinelConf(n), sentinelConfig(n));
            } catch (IOException e) {
                throw new IllegalStateException("cannot write the Redis configs of " + n.name() + " under " + n.dir()
                        + ": " + e.getMessage(), e);
            }
        }
        connections.attach(this);
    }

    private Path redisConf(Node n) {
        return n.dir().resolve("redis.conf");
    }

    private Path sentinelConf(Node n) {
        return n.dir().resolve("sentinel.conf");
    }

    @Override
    protected Path log(Node n) {
        return n.dir().resolve("redis.log");
    }

    private Node initialPrimary() {
        return env.nodes().getFirst();
    }

    /**
     * What redis-server and a sentinel (the same binary) both start from: the node's address and
     * {@code port}, in the foreground, logging to stdout (the node's log), working in {@code dir}
     * as the node's processes see it (the run directory on an ssh host).
     */
    private static StringBuilder serverBasics(Node n, int port, Path dir) {
        StringBuilder b = new StringBuilder("# written by faultline\n");
        b.append("bind ").append(n.host()).append('\n');
        b.append("port ").append(port).append('\n');
        b.append("protected-mode no\n");
        b.append("daemonize no\n");
        b.append("logfile \"\"\n");
        b.append("dir ").append(n.pathOnNode(dir)).append('\n');
        return b;
    }

    /** redis.conf for {@code n}; visible for tests. */
    String redisConfig(Node n) {
        StringBuilder b = serverBasics(n, port(n, 0), dataDir(n));
        b.append("save \"\"\n");
        b.append("appendonly ").append(settings.appendonly() ? "yes" : "no").append('\n');
        b.append("appendfsync ").append(settings.appendfsync()).append('\n');
        b.append("min-replicas-to-write ").append(settings.minReplicasToWrite()).append('\n');
        b.append("min-replicas-max-lag ").append(settings.minReplicasMaxLag()).append('\n');
        // Redis 7 waits 5 s before a diskless full sync to batch replicas; a test wants them at once.
        b.append("repl-diskless-sync-delay 0\n");
        b.append("replica-read-only yes\n");
        // A replica's address as its primary (and so every sentinel) sees it is the source address of
        // its link; on loopback that is 127.0.0.1 for every node, so each announces its own.
        b.append("replica-announce-ip ").append(n.host()).append('\n');
        b.append("replica-announce-port ").append(port(n, 0)).append('\n');
        Node primary = initialPrimary();
        if (!n.name().equals(primary.name())) {
            b.append("replicaof ").append(primary.host()).append(' ').append(port(primary, 0)).append('\n');
        }
        return b.toString();
    }

    /** sentinel.conf for {@code n}; visible for tests. */
    String sentinelConfig(Node n) {
        Node primary = initialPrimary();
        StringBuilder b = serverBasics(n, port(n, 1), n.dir());
        // Sentinels find each other by the address in their hello messages, the source address of
        // their link to the primary unless announced: on loopback all would claim one address.
        b.append("sentinel announce-ip ").append(n.host()).append('\n');
        b.append("sentinel announce-port ").append(port(n, 1)).append('\n');
        b.append("sentinel monitor ").append(MASTER).append(' ').append(primary.host()).append(' ')
                .append(port(primary, 0)).append(' ').append(settings.quorum()).append('\n');
        b.append("sentinel down-after-milliseconds ").append(MASTER).append(' ').append(settings.downAfterMs()).append('\n');
        b.append("sentinel failover-timeout ").append(MASTER).append(' ').append(settings.failoverTimeoutMs()).append('\n');
        b.append("sentinel parallel-syncs ").append(MASTER).append(' ').append(settings.parallelSyncs()).append('\n');
        return b.toString();
    }

    @Override
    protected List<String> command(Node node) {
        return List.of(binary, redisConf(node).toString());
    }

    private List<String> sentinelCommand(Node node) {
        return List.of(binary, sentinelConf(node).toString(), "--sentinel");
    }

    /**
     * Starts any sentinel not running, then waits until a majority of the sentinels name one
     * primary, every running sentinel agrees and knows the others, that primary runs and says
     * so, and every other running server is its replica with the link up.
     */
    @Override
    public void awaitReady() throws Exception {
        for (Node n : env.nodes()) sentinels.start(n, sentinelCommand(n));
        processes().awaitReady(env.nodes(), READY_LIMIT, StoreProcesses.GiveUpWhen.ALL_EXITED, this::notReady,
                "Redis Sentinel agreed on no primary with every replica attached");
    }

    private Optional<String> notReady() {
        Map<String, String> named = new HashMap<>();
        for (Node n : env.nodes()) {
            if (!sentinels.isRunning(n)) return Optional.of("the sentinel on " + n.name() + " is not running");
            Optional<String> p = sentinelPrimary(n);
            if (p.isEmpty()) return Optional.of("the sentinel on " + n.name() + " names no primary");
            named.put(n.name(), p.get());
            int others = knownSentinels(n);
            if (others < env.nodes().size() - 1) {
                return Optional.of("the sentinel on " + n.name() + " knows " + others + " other sentinels");
            }
        }
        if (named.values().stream().distinct().count() != 1) return Optional.of("sentinels disagree: " + named);
        Optional<Node> primary = nodeAt(named.values().iterator().next());
        if (primary.isEmpty()) return Optional.of("sentinels name " + named.values().iterator().next() + ", no node's server");
        Node p = primary.get();
        if (!isRunning(p)) return Optional.of("the primary " + p.name() + " is not running");
        Map<String, String> info = replicationInfo(p);
        if (!"master".equals(info.get("role"))) return Optional.of(p.name() + " is named primary but says role " + info.get("role"));
        long expected = env.nodes().stream().filter(n -> !n.name().equals(p.name()) && isRunning(n)).count();
        long online = info.entrySet().stream().filter(e -> e.getKey().matches("slave\\d+") && e.getValue().contains("state=online")).count();
        if (online < expected) return Optional.of("primary " + p.name() + " has " + online + " of " + expected + " replicas online");
        return Optional.empty();
    }

    /** host:port the sentinel on {@code n} names as the primary, if it answers. */
    Optional<String> sentinelPrimary(Node n) {
        try (Jedis j = new Jedis(new HostAndPort(n.host(), port(n, 1)), admin())) {
            List<String> a = j.sentinelGetMasterAddrByName(MASTER);
            return a == null || a.size() != 2 ? Optional.empty() : Optional.of(a.get(0) + ":" + a.get(1));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private int knownSentinels(Node n) {
        try (Jedis j = new Jedis(new HostAndPort(n.host(), port(n, 1)), admin())) {
            return Integer.parseInt(j.sentinelMaster(MASTER).getOrDefault("num-other-sentinels", "0"));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** INFO replication of the server on {@code n} as key/value pairs; empty when it does not answer. */
    Map<String, String> replicationInfo(Node n) {
        Map<String, String> m = new HashMap<>();
        try (Jedis j = new Jedis(new HostAndPort(n.host(), port(n, 0)), admin())) {
            for (String line : j.info("replication").split("\r?\n")) {
                int c = line.indexOf(':');
                if (c > 0) m.put(line.substring(0, c), line.substring(c + 1).trim());
            }
        } catch (RuntimeException e) {
            // no answer: empty
        }
        return m;
    }

    private static JedisClientConfig admin() {
        return DefaultJedisClientConfig.builder().connectionTimeoutMillis(ADMIN_TIMEOUT_MS)
                .socketTimeoutMillis(ADMIN_TIMEOUT_MS).build();
    }

    /** The node whose server listens on {@code hostPort}. */
    Optional<Node> nodeAt(String hostPort) {
        for (Node n : env.nodes()) if (clientAddress(n).equals(hostPort)) return Optional.of(n);
        return Optional.empty();
    }

    /**
     * The primary most sentinels name (a majority of all of them): the node the partition and
     * kill nemeses target as "leader". A sentinel cut off with an old primary keeps naming it,
     * and is outvoted. When no majority answers, a running server that says it is the master.
     */
    @Override
    public Optional<Node> leader() {
        Map<String, Integer> votes = new HashMap<>();
        for (Node n : env.nodes()) {
            if (sentinels.isRunning(n)) sentinelPrimary(n).ifPresent(p -> votes.merge(p, 1, Integer::sum));
        }
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (e.getValue() > env.nodes().size() / 2) return nodeAt(e.getKey());
        }
        for (Node n : env.nodes()) {
            if (isRunning(n) && "master".equals(replicationInfo(n).get("role"))) return Optional.of(n);
        }
        return Optional.empty();
    }

    /** Where clients ask for the primary: every node's sentinel. */
    List<HostAndPort> sentinelAddresses() {
        List<HostAndPort> out = new ArrayList<>();
        for (Node n : env.nodes()) out.add(new HostAndPort(n.host(), port(n, 1)));
        return out;
    }

    @Override
    public String clientAddress(Node node) {
        return node.host() + ":" + port(node, 0);
    }

    @Override
    public List<Path> logFiles(Node node) {
        return List.of(log(node), node.dir().resolve("sentinel.log"), redisConf(node), sentinelConf(node));
    }

    @Override
    public void teardown() {
        connections.close();
        sentinels.stopAll(Duration.ofSeconds(5));
        processes().stopAll(Duration.ofSeconds(5));
    }
}
