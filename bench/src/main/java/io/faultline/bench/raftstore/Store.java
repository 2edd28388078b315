package io.faultline.bench.raftstore;

import io.faultline.raftstore.local.LocalCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A three-member cluster of real processes on loopback that the benchmark drives over HTTP/JSON.
 * The processes (ports, logs, kill, close) are raftstore's {@link LocalCluster}, the same launcher
 * raftstore's own process tests use; etcd's members are started through its {@code launch}.
 */
abstract class Store implements AutoCloseable {
    protected final LocalCluster cluster;
    protected final Path dir;
    protected final HttpClient http;
    /** Election timeout; the heartbeat is a tenth of it (etcd's defaults: 1000 and 100 ms). */
    protected final int electionMs;

    Store(LocalCluster cluster, HttpClient http, int electionMs) {
        this.cluster = cluster;
        this.dir = cluster.dir();
        this.http = http;
        this.electionMs = electionMs;
    }

    abstract String name();

    abstract void start(String id) throws IOException;

    abstract HttpRequest put(String node, String key, String value);

    abstract HttpRequest get(String node, String key);

    /** The current leader's id, or null. */
    abstract String leader() throws InterruptedException;

    List<String> ids() {
        return cluster.ids();
    }

    boolean alive(String id) {
        return cluster.alive(id);
    }

    void startAll() throws IOException {
        for (String id : ids()) start(id);
    }

    String awaitLeader(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            String l = leader();
            if (l != null) return l;
            Thread.sleep(50);
        }
        return null;
    }

    void kill9(String id) throws InterruptedException {
        cluster.kill9(id);
    }

    int send(HttpRequest r) {
        try {
            return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    String body(HttpRequest r) {
        try {
            var resp = http.send(r, HttpResponse.BodyHandlers.ofString());
            return resp.statusCode() == 200 ? resp.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Removes the members' data directories and logs; call after {@link #close}. */
    void deleteData() {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            System.err.println(name() + ": could not remove " + dir + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        cluster.close();
    }

    /** The bundled store: java -cp raftstore/target/classes io.faultline.raftstore.Main. */
    static final class Raftstore extends Store {
        private final String name;

        Raftstore(Path dir, HttpClient http, int electionMs, Path classes, String name, List<String> jvmOptions) throws IOException {
            // the same timings as etcd gets, so both are laid out the same way
            super(new LocalCluster(dir, 3, classes, jvmOptions, List.of("--heartbeat-ms", Integer.toString(electionMs / 10),
                    "--election-timeout-ms", Integer.toString(electionMs))), http, electionMs);
            this.name = name;
        }

        @Override
        String name() {
            return name;
        }

        @Override
        void start(String id) throws IOException {
            cluster.start(id);
        }

        private URI uri(String node, String path) {
            return URI.create("http://" + cluster.clientAddr(node) + path);
        }

        @Override
        HttpRequest put(String node, String key, String value) {
            return HttpRequest.newBuilder(uri(node, "/kv/" + key)).timeout(Duration.ofSeconds(10))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"" + value + "\"}")).build();
        }

        @Override
        HttpRequest get(String node, String key) {
            return HttpRequest.newBuilder(uri(node, "/kv/" + key)).timeout(Duration.ofSeconds(10)).GET().build();
        }

        @Override
        String leader() {
            for (String id : ids()) {
                if (!alive(id)) continue;
                String s = body(HttpRequest.newBuilder(uri(id, "/status")).timeout(Duration.ofMillis(500)).GET().build());
                if (s != null && s.contains("\"role\":\"leader\"")) return id;
            }
            return null;
        }
    }

    /** etcd 3.4 (Debian's etcd-server), driven through its v3 JSON gateway. */
    static final class Etcd extends Store {
        private final Path binary;

        Etcd(Path dir, HttpClient http, int electionMs, Path binary) throws IOException {
            super(new LocalCluster(dir, 3, List.of()), http, electionMs);
            this.binary = binary;
        }

        @Override
        String name() {
            return "etcd";
        }

        @Override
        void start(String id) throws IOException {
            var members = new StringBuilder();
            for (String m : ids()) {
                members.append(members.isEmpty() ? "" : ",").append(m).append("=http://127.0.0.1:").append(cluster.peerPort(m));
            }
            String client = "http://" + cluster.clientAddr(id);
            String peer = "http://127.0.0.1:" + cluster.peerPort(id);
            var cmd = List.of(binary.toString(), "--name", id, "--data-dir", dir.resolve(id).toString(),
                    "--listen-client-urls", client, "--advertise-client-urls", client,
                    "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                    "--initial-cluster", members.toString(), "--initial-cluster-state", "new",
                    "--initial-cluster-token", "faultline-bench",
                    "--heartbeat-interval", Integer.toString(electionMs / 10), "--election-timeout", Integer.toString(electionMs));
            cluster.launch(id, cmd, Map.of("ETCD_UNSUPPORTED_ARCH", ""));
        }

        private static String b64(String s) {
            return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
        }

        private HttpRequest post(String node, String path, String json, Duration timeout) {
            return HttpRequest.newBuilder(URI.create("http://" + cluster.clientAddr(node) + path)).timeout(timeout)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        }

        @Override
        HttpRequest put(String node, String key, String value) {
            return post(node, "/v3/kv/put", "{\"key\":\"" + b64(key) + "\",\"value\":\"" + b64(value) + "\"}",
                    Duration.ofSeconds(10));
        }

        @Override
        HttpRequest get(String node, String key) {
            return post(node, "/v3/kv/range", "{\"key\":\"" + b64(key) + "\"}", Duration.ofSeconds(10));
        }

        @Override
        String leader() {
            for (String id : ids()) {
                if (!alive(id)) continue;
                String s = body(post(id, "/v3/maintenance/status", "{}", Duration.ofMillis(500)));
                if (s == null) continue;
                String member = field(s, "member_id");
                String leader = field(s, "leader");
                if (member != null && member.equals(leader)) return id;
            }
            return null;
        }

        private static String field(String json, String name) {
            var m = java.util.regex.Pattern.compile("\"" + name + "\":\"?([0-9]+)").matcher(json);
            return m.find() ? m.group(1) : null;
        }
    }
}
