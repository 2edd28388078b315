package io.faultline.raftstore;

import io.faultline.raftstore.http.HttpApi;
import io.faultline.raftstore.net.HostPort;
import io.faultline.raftstore.node.FaultMode;
import io.faultline.raftstore.node.RaftServer;
import io.faultline.raftstore.node.ServerConfig;
import io.faultline.raftstore.storage.CorruptLogException;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** The raftstore program. Exit codes: 0 clean stop, 2 bad arguments, 3 start-up failed. */
public final class Main {
    private Main() { }

    static final String USAGE = """
            usage: raftstore --id ID --data-dir DIR --client HOST:PORT --peer HOST:PORT
                             --peers ID=HOST:PORT[,ID=HOST:PORT...] [--fault MODE[,MODE]]
                             [--election-timeout-ms N] [--heartbeat-ms N] [--snapshot-threshold N]
                             [--session-expiry-s N] [--lease-ms N] [--join]
            fault modes: stale-reads, follower-reads, no-fsync, ack-before-commit,
                         no-election-restriction, lease-too-long, no-dedupe, no-txn-isolation""";

    public static void main(String[] args) {
        ServerConfig cfg;
        try {
            cfg = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("raftstore: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        String id = cfg.id();
        java.util.function.Consumer<String> log = msg -> System.out.println(Instant.now() + " " + id + " " + msg);
        RaftServer server;
        HttpApi api;
        try {
            server = new RaftServer(cfg, log);
            api = new HttpApi(server, cfg.client());
        } catch (CorruptLogException e) {
            System.err.println("raftstore: " + e.getMessage());
            System.exit(3);
            return;
        } catch (Exception e) {
            System.err.println("raftstore: start-up failed: " + e);
            System.exit(3);
            return;
        }
        log.accept("started: client=" + cfg.client() + " peer=" + cfg.peer() + " peers=" + cfg.peers() + " faults="
                + cfg.faults());
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.accept("stopping (signal)");
            api.close();
            server.close();
            log.accept("stopped");
            stopped.countDown();
        }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ServerConfig parse(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        boolean join = false;
        for (int i = 0; i < args.length; i++) {
            String k = args[i];
            if (k.equals("--join")) {
                join = true;
                continue;
            }
            if (k.equals("--help") || k.equals("-h")) throw new IllegalArgumentException("help requested");
            if (!Set.of("--id", "--data-dir", "--client", "--peer", "--peers", "--fault", "--election-timeout-ms",
                    "--heartbeat-ms", "--snapshot-threshold", "--session-expiry-s", "--lease-ms").contains(k)) {
                throw new IllegalArgumentException("unknown argument \"" + k + "\"");
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException(k + ": missing value");
            a.put(k, args[++i]);
        }
        for (String req : new String[] {"--id", "--data-dir", "--client", "--peer"}) {
            if (!a.containsKey(req)) throw new IllegalArgumentException(req + " is required");
        }
        String id = a.get("--id");
        if (!id.matches("[A-Za-z0-9_.-]+")) throw new IllegalArgumentException("--id: expected letters, digits, _ . -, got \"" + id + "\"");
        var peers = new LinkedHashMap<String, HostPort>();
        String ps = a.getOrDefault("--peers", "");
        for (String p : ps.split(",")) {
            if (p.isBlank()) continue;
            int eq = p.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("--peers: expected ID=HOST:PORT, got \"" + p + "\"");
            peers.put(p.substring(0, eq).trim(), HostPort.parse("--peers " + p.substring(0, eq), p.substring(eq + 1).trim()));
        }
        if (peers.isEmpty() && !join) peers.put(id, HostPort.parse("--peer", a.get("--peer")));
        Set<FaultMode> faults = FaultMode.parse(a.get("--fault"));
        int election = num(a, "--election-timeout-ms", 300, 20);
        int heartbeat = num(a, "--heartbeat-ms", 50, 10);
        if (heartbeat >= election) {
            throw new IllegalArgumentException("--heartbeat-ms (" + heartbeat + ") must be below --election-timeout-ms (" + election + ")");
        }
        int lease = num(a, "--lease-ms", 0, 0);
        if (lease >= election) {
            throw new IllegalArgumentException("--lease-ms (" + lease + ") must be below --election-timeout-ms (" + election
                    + "); a longer lease is the lease-too-long fault mode");
        }
        return new ServerConfig(id, Path.of(a.get("--data-dir")), HostPort.parse("--client", a.get("--client")),
                HostPort.parse("--peer", a.get("--peer")), peers, faults, election, heartbeat,
                num(a, "--snapshot-threshold", 10_000, 0), num(a, "--session-expiry-s", 300, 1), lease, join);
    }

    private static int num(Map<String, String> a, String flag, int def, int min) {
        String v = a.get(flag);
        if (v == null) return def;
        try {
            int n = Integer.parseInt(v);
            if (n < min) throw new IllegalArgumentException(flag + ": must be >= " + min + ", got " + n);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": expected an integer, got \"" + v + "\"");
        }
    }
}
