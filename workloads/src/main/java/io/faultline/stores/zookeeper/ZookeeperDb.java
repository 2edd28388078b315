package io.faultline.stores.zookeeper;

import io.faultline.db.LeaderAware;
import io.faultline.db.LogFiles;
import io.faultline.env.Environment;
import io.faultline.env.Node;
import io.faultline.store.StoreOptions;
import io.faultline.stores.ProcessDb;
import io.faultline.stores.StoreProcesses;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real ZooKeeper ensemble: one {@code QuorumPeerMain} JVM per node, launched with the harness's
 * own java binary and the server classpath Maven resolved at build time
 * ({@code workloads/target/zookeeper-classpath.txt}); {@code nodes/<node>/zoo.cfg}, {@code data/myid},
 * the log in {@code nodes/<node>/zookeeper.log}. Each node's zoo.cfg names the other servers by the
 * address it dials for them ({@link Environment#peerAddress}), so the fault proxy can sit on every
 * quorum and election link. The tick is short (100 ms by default) so a lost leader is replaced in
 * about a second; the admin server is off and only the {@code srvr} four-letter word is allowed
 * (used here to find the leader).
 */
public final class ZookeeperDb extends ProcessDb implements LeaderAware, LogFiles {
    static final int CLIENT_PORT = 2181;
    static final int QUORUM_PORT = 2888;
    static final int ELECTION_PORT = 3888;
    private static final Duration READY_LIMIT = Duration.ofSeconds(60);

    private final List<String> classpath;
    private final String version;
    private final Map<String, String> settings;
    private final Timing timing;
    private final Duration warmup;
    private volatile Environment env;

    /** The zoo.cfg numbers a run may set; {@code ZookeeperStore} reads them before anything else is set up. */
    record Timing(long tickMs, long initLimit, long syncLimit) {
        static Timing of(Map<String, String> settings) {
            return new Timing(StoreOptions.integer(settings, "tick-ms", 100, 1), StoreOptions.integer(settings, "init-limit", 50, 1),
                    StoreOptions.integer(settings, "sync-limit", 10, 1));
        }
    }

    ZookeeperDb(List<String> classpath, String version, Map<String, String> settings, Timing timing) {
        super("ZooKeeper", version);
        this.classpath = List.copyOf(classpath);
        this.version = version;
        this.settings = Map.copyOf(settings);
        this.timing = timing;
        this.warmup = io.faultline.stores.Warmup.length(settings, io.faultline.stores.Warmup.DEFAULT_SECONDS);
    }

    @Override
    public String name() {
        return "zookeeper";
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    protected void configure(Environment environment) {
        this.env = environment;
        assignPorts(environment.nodes(), CLIENT_PORT, QUORUM_PORT, ELECTION_PORT);
        for (int i = 0; i < environment.nodes().size(); i++) {
            Node n = environment.nodes().get(i);
            try {
                Files.createDirectories(dataDir(n));
                Files.writeString(dataDir(n).resolve("myid"), (i + 1) + "\n");
                Files.writeString(config(n), zooCfg(n));
            } catch (IOException e) {
                throw new IllegalStateException("cannot write the ZooKeeper config of " + n.name() + " under " + n.dir()
                        + ": " + e.getMessage(), e);
            }
        }
    }

    private Path config(Node n) {
        return n.dir().resolve("zoo.cfg");
    }

    @Override
    protected Path log(Node n) {
        return n.dir().resolve("zookeeper.log");
    }

    /** zoo.cfg for {@code self}; visible for tests. */
    String zooCfg(Node self) {
        StringBuilder b = new StringBuilder();
        b.append("# written by faultline\n");
        b.append("tickTime=").append(timing.tickMs()).append('\n');
        // Followers must connect and sync within initLimit ticks, and are dropped after syncLimit.
        b.append("initLimit=").append(timing.initLimit()).append('\n');
        b.append("syncLimit=").append(timing.syncLimit()).append('\n');
        b.append("dataDir=").append(self.pathOnNode(dataDir(self))).append('\n');
        b.append("clientPortAddress=").append(self.host()).append('\n');
        b.append("clientPort=").append(port(self, 0)).append('\n');
        b.append("admin.enableServer=false\n");
        b.append("4lw.commands.whitelist=srvr\n");
        b.append("standaloneEnabled=false\n");
        b.append("reconfigEnabled=false\n");
        b.append("autopurge.purgeInterval=0\n");
        b.append("maxClientCnxns=0\n");
        for (int i = 0; i < env.nodes().size(); i++) {
            Node other = env.nodes().get(i);
            String quorum;
            String election;
            if (other.name().equals(self.name())) {
                quorum = other.host() + ":" + port(other, 1);
                election = other.host() + ":" + port(other, 2);
            } else {
                quorum = env.peerAddress(self, other, port(other, 1));
                election = env.peerAddress(self, other, port(other, 2));
            }
            String host = quorum.substring(0, quorum.lastIndexOf(':'));
            if (!election.startsWith(host + ":")) {
                throw new IllegalStateException("ZooKeeper needs one host for a server's quorum and election ports, but "
                        + self.name() + " reaches " + other.name() + " at " + quorum + " and " + election);
            }
            b.append("server.").append(i + 1).append('=').append(host).append(':')
                    .append(quorum.substring(quorum.lastIndexOf(':') + 1)).append(':')
                    .append(election.substring(election.lastIndexOf(':') + 1)).append('\n');
        }
        return b.toString();
    }

    /**
     * The heap ZooKeeper's own launcher gives a server (bin/zkEnv.sh: {@code -Xmx${ZK_SERVER_HEAP}m},
     * 1000 by default), with the JIT and collector measured best for short runs of three JVM nodes
     * on two cores and used for raftstore too (C1 only, serial GC: with C2 the nodes were still
     * compiling after a 10 s warm-up and served a third of the ops; docs/notes/compare.md).
     */
    static final String DEFAULT_JVM_OPTS = "-XX:+UseSerialGC -Xmx1000m -XX:TieredStopAtLevel=1";

    private String jvmOpts() {
        return settings.getOrDefault("jvm-opts", DEFAULT_JVM_OPTS);
    }

    @Override
    public java.util.Map<String, String> processSettings() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("jvm-opts", jvmOpts());
        m.put("zoo.cfg", "tickTime=" + timing.tickMs() + " initLimit=" + timing.initLimit()
                + " syncLimit=" + timing.syncLimit() + " forceSync=yes (default: fsync before ack)");
        m.put("warm-up", io.faultline.stores.Warmup.describe(warmup, "setData and sync+getData on znodes no workload uses, over every server"));
        return m;
    }

    /** One session per server, shared by the warm-up workers on it; znodes /faultline-warmup-N. */
    @Override
    public String warmUp() throws Exception {
        if (warmup.isZero()) return "";
        List<Node> nodes = env.nodes();
        List<org.apache.zookeeper.ZooKeeper> sessions = new ArrayList<>();
        try {
            for (Node n : nodes) {
                java.util.concurrent.CountDownLatch up = new java.util.concurrent.CountDownLatch(1);
                org.apache.zookeeper.ZooKeeper z = new org.apache.zookeeper.ZooKeeper(clientAddress(n), 10_000, e -> {
                    if (e.getState() == org.apache.zookeeper.Watcher.Event.KeeperState.SyncConnected) up.countDown();
                });
                sessions.add(z);
                if (!up.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no ZooKeeper session with " + n.name() + " for the warm-up");
                }
            }
            return io.faultline.stores.Warmup.run("zookeeper", warmup, io.faultline.stores.Warmup.CONCURRENCY, (worker, n) -> {
                org.apache.zookeeper.ZooKeeper z = sessions.get(worker % sessions.size());
                String path = "/faultline-warmup-" + worker;
                byte[] v = Long.toString(n).getBytes(StandardCharsets.UTF_8);
                if (n == 0) {
                    try {
                        z.create(path, v, org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE, org.apache.zookeeper.CreateMode.PERSISTENT);
                    } catch (org.apache.zookeeper.KeeperException.NodeExistsException e) {
                        z.setData(path, v, -1);
                    }
                } else if (n % 2 == 0) {
                    z.setData(path, v, -1);
                } else {
                    java.util.concurrent.CountDownLatch synced = new java.util.concurrent.CountDownLatch(1);
                    z.sync(path, (rc, p, ctx) -> synced.countDown(), null);
                    synced.await(2, java.util.concurrent.TimeUnit.SECONDS);
                    z.getData(path, false, null);
                }
                return true;
            });
        } finally {
            for (org.apache.zookeeper.ZooKeeper z : sessions) z.close();
        }
    }

    /** The command line for {@code node}; visible for tests. */
    @Override
    protected List<String> command(Node node) {
        String javaBin = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBin);
        for (String o : jvmOpts().trim().split("\\s+")) if (!o.isEmpty()) cmd.add(o);
        cmd.add("-Dzookeeper.admin.enableServer=false");
        cmd.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        cmd.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS");
        cmd.add("-cp");
        cmd.add(String.join(java.io.File.pathSeparator, classpath));
        cmd.add("org.apache.zookeeper.server.quorum.QuorumPeerMain");
        cmd.add(config(node).toString());
        return cmd;
    }

    /**
     * Ready when one running server says it leads and every other running one follows. A server
     * that exited is an error at once, with the end of its log.
     */
    @Override
    public void awaitReady() throws Exception {
        processes().awaitReady(env.nodes(), READY_LIMIT, StoreProcesses.GiveUpWhen.ONE_EXITED, this::notServing,
                "the ZooKeeper ensemble elected no leader");
    }

    /** Empty when exactly one running server leads and the others follow, else every running server's mode. */
    private Optional<String> notServing() {
        int leaders = 0;
        boolean allServing = true;
        StringBuilder b = new StringBuilder();
        for (Node n : env.nodes()) {
            if (!isRunning(n)) continue;
            String mode = mode(n);
            if (!b.isEmpty()) b.append("; ");
            b.append(n.name()).append(": ").append(mode);
            if (mode.equals("leader")) leaders++;
            else if (!mode.equals("follower")) allServing = false;
        }
        return leaders == 1 && allServing ? Optional.empty() : Optional.of(b.toString());
    }

    /** "leader", "follower", "not serving" or "no answer", from the srvr four-letter word. */
    String mode(Node n) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(n.host(), port(n, 0)), 500);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.startsWith("Mode: ")) return line.substring(6).trim();
            }
            return "not serving";
        } catch (IOException e) {
            return "no answer";
        }
    }

    @Override
    public Optional<Node> leader() {
        for (Node n : env.nodes()) {
            if (isRunning(n) && mode(n).equals("leader")) return Optional.of(n);
        }
        return Optional.empty();
    }

    @Override
    public String clientAddress(Node node) {
        return node.host() + ":" + port(node, 0);
    }

    @Override
    public List<Path> logFiles(Node node) {
        return List.of(log(node), config(node));
    }

    @Override
    public void teardown() {
        processes().stopAll(Duration.ofSeconds(5));
    }
}
