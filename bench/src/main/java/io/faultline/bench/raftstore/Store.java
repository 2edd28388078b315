package io.faultline.bench.raftstore;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A three-member cluster of real processes on loopback that the benchmark drives over HTTP/JSON. */
abstract class Store implements AutoCloseable {
    protected final Path dir;
    protected final Map<String, Process> procs = new LinkedHashMap<>();
    protected final Map<String, Integer> clientPorts = new LinkedHashMap<>();
    protected final Map<String, Integer> peerPorts = new LinkedHashMap<>();
    protected final HttpClient http;
    /** Election timeout; the heartbeat is a tenth of it (etcd's defaults: 1000 and 100 ms). */
    protected final int electionMs;

    Store(Path dir, HttpClient http, int electionMs) throws IOException {
        this.dir = dir;
        this.http = http;
        this.electionMs = electionMs;
        for (int i = 1; i <= 3; i++) {
            clientPorts.put("n" + i, freePort());
            peerPorts.put("n" + i, freePort());
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    abstract String name();

    abstract void start(String id) throws IOException;

    abstract HttpRequest put(String node, String key, String value);

    abstract HttpRequest get(String node, String key);

    /** The current leader's id, or null. */
    abstract String leader() throws InterruptedException;

    List<String> ids() {
        return new ArrayList<>(clientPorts.keySet());
    }

    boolean alive(String id) {
        Process p = procs.get(id);
        return p != null && p.isAlive();
    }

    void startAll() throws IOException {
        for (String id : clientPorts.keySet()) start(id);
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
        Process p = procs.remove(id);
        if (p != null) {
            p.destroyForcibly();
            p.waitFor();
        }
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
        for (Process p : procs.values()) p.destroyForcibly();
        for (Process p : procs.values()) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        procs.clear();
    }

    /** The bundled store: java -cp raftstore/target/classes io.faultline.raftstore.Main. */
    static final class Raftstore extends Store {
        private final Path classes;
        private final String name;
        private final List<String> jvmOptions;

        Raftstore(Path dir, HttpClient http, int electionMs, Path classes, String name, List<String> jvmOptions) throws IOException {
            super(dir, http, electionMs);
            this.classes = classes;
            this.name = name;
            this.jvmOptions = List.copyOf(jvmOptions);
        }

        @Override
        String name() {
            return name;
        }

        @Override
        void start(String id) throws IOException {
            var peers = new StringBuilder();
            for (var e : peerPorts.entrySet()) {
                peers.append(peers.isEmpty() ? "" : ",").append(e.getKey()).append("=127.0.0.1:").append(e.getValue());
            }
            String java = ProcessHandle.current().info().command().orElse("java");
            var cmd = new ArrayList<String>();
            cmd.add(java);
            cmd.addAll(jvmOptions);
            cmd.addAll(List.of("-cp", classes.toString(), "io.faultline.raftstore.Main", "--id", id,
                    "--data-dir", dir.resolve(id).toString(), "--client", "127.0.0.1:" + clientPorts.get(id),
                    "--peer", "127.0.0.1:" + peerPorts.get(id), "--peers", peers.toString(),
                    // the same timings as etcd gets, so both are laid out the same way
                    "--heartbeat-ms", Integer.toString(electionMs / 10), "--election-timeout-ms", Integer.toString(electionMs)));
            procs.put(id, new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(id + ".log").toFile())).start());
        }

        private URI uri(String node, String path) {
            return URI.create("http://127.0.0.1:" + clientPorts.get(node) + path);
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
            super(dir, http, electionMs);
            this.binary = binary;
        }

        @Override
        String name() {
            return "etcd";
        }

        @Override
        void start(String id) throws IOException {
            var cluster = new StringBuilder();
            for (var e : peerPorts.entrySet()) {
                cluster.append(cluster.isEmpty() ? "" : ",").append(e.getKey()).append("=http://127.0.0.1:").append(e.getValue());
            }
            String client = "http://127.0.0.1:" + clientPorts.get(id);
            String peer = "http://127.0.0.1:" + peerPorts.get(id);
            var cmd = List.of(binary.toString(), "--name", id, "--data-dir", dir.resolve(id).toString(),
                    "--listen-client-urls", client, "--advertise-client-urls", client,
                    "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                    "--initial-cluster", cluster.toString(), "--initial-cluster-state", "new",
                    "--initial-cluster-token", "faultline-bench",
                    "--heartbeat-interval", Integer.toString(electionMs / 10), "--election-timeout", Integer.toString(electionMs));
            var pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(id + ".log").toFile()));
            pb.environment().put("ETCD_UNSUPPORTED_ARCH", "");
            procs.put(id, pb.start());
        }

        private static String b64(String s) {
            return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
        }

        private HttpRequest post(String node, String path, String json, Duration timeout) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + clientPorts.get(node) + path)).timeout(timeout)
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
