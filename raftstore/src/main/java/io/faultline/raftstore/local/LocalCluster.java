package io.faultline.raftstore.local;

import io.faultline.raftstore.Main;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real raftstore processes on loopback, on free ports, for raftstore's tests and the benchmarks
 * (main code, not a test helper, because {@code bench} — a program, not a test — starts clusters
 * with it too). Each member gets a client and a peer port and a log {@code <dir>/<id>.log}.
 * {@link #launch} starts any other program as a member on those ports, which is how the benchmark
 * runs etcd side by side with the same bookkeeping.
 */
public final class LocalCluster implements AutoCloseable {
    private final Path dir;
    private final Path classes;
    private final List<String> jvmOptions;
    private final List<String> ids = new ArrayList<>();
    private final Map<String, Integer> clientPorts = new LinkedHashMap<>();
    private final Map<String, Integer> peerPorts = new LinkedHashMap<>();
    private final Map<String, Process> procs = new LinkedHashMap<>();
    private final List<String> extraArgs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** {@code n} members running this class path's raftstore, each with {@code extraArgs}. */
    public LocalCluster(Path dir, int n, List<String> extraArgs) throws IOException {
        this(dir, n, ownClasses(), List.of(), extraArgs);
    }

    /**
     * {@code n} members running the raftstore in {@code classes} (a benchmark's baseline may be
     * other classes than its own), with {@code jvmOptions} for their JVMs and {@code extraArgs}.
     */
    public LocalCluster(Path dir, int n, Path classes, List<String> jvmOptions, List<String> extraArgs) throws IOException {
        this.dir = dir;
        this.classes = classes;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.extraArgs = List.copyOf(extraArgs);
        List<Integer> ports = LoopbackPorts.pick(2 * n);
        for (int i = 1; i <= n; i++) {
            String id = "n" + i;
            ids.add(id);
            clientPorts.put(id, ports.get(2 * i - 2));
            peerPorts.put(id, ports.get(2 * i - 1));
        }
    }

    public List<String> ids() {
        return ids;
    }

    public String clientAddr(String id) {
        return "127.0.0.1:" + clientPorts.get(id);
    }

    public int clientPort(String id) {
        return clientPorts.get(id);
    }

    public Path dir() {
        return dir;
    }

    private static Path ownClasses() {
        return Path.of(URI.create(Main.class.getProtectionDomain().getCodeSource().getLocation().toString()));
    }

    public void start(String id) throws IOException {
        start(id, ids, false);
    }

    /** Starts a node that knows the given members' addresses; with join it waits to be added. */
    public void start(String id, List<String> members, boolean join) throws IOException {
        var peers = new StringBuilder();
        for (String p : members) peers.append(peers.isEmpty() ? "" : ",").append(p).append("=127.0.0.1:").append(peerPorts.get(p));
        var cmd = new ArrayList<String>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classes.toString(), "io.faultline.raftstore.Main", "--id", id,
                "--data-dir", dir.resolve(id).toString(), "--client", clientAddr(id),
                "--peer", "127.0.0.1:" + peerPorts.get(id), "--peers", peers.toString()));
        cmd.addAll(extraArgs);
        if (join) cmd.add("--join");
        launch(id, cmd, Map.of());
    }

    /** Starts {@code command} as member {@code id}, its output appended to the member's log. */
    public void launch(String id, List<String> command, Map<String, String> environment) throws IOException {
        var pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(id + ".log").toFile()));
        pb.environment().putAll(environment);
        procs.put(id, pb.start());
    }

    public void startAll() throws IOException {
        for (String id : ids) start(id);
    }

    /** Starts the first n nodes as the initial members. */
    public void startFirst(int n) throws IOException {
        for (String id : ids.subList(0, n)) start(id, ids.subList(0, n), false);
    }

    public int peerPort(String id) {
        return peerPorts.get(id);
    }

    public void kill9(String id) throws InterruptedException {
        Process p = procs.remove(id);
        if (p == null) return;
        p.destroyForcibly();
        p.waitFor();
    }

    public boolean alive(String id) {
        Process p = procs.get(id);
        return p != null && p.isAlive();
    }

    /** Sends a request; returns {status, body}, or {-1, error} when the node cannot be reached. */
    public Object[] call(String id, String method, String path, String body, Duration timeout) {
        try {
            var req = HttpRequest.newBuilder(URI.create("http://" + clientAddr(id) + path)).timeout(timeout)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build();
            var resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            return new Object[] {resp.statusCode(), resp.body()};
        } catch (IOException e) {
            return new Object[] {-1, e.toString()};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Object[] {-1, "interrupted"};
        }
    }

    private static final Pattern LEADER = Pattern.compile("\"role\":\"leader\"");

    /** The node that reports itself leader, waiting up to timeoutMs; null if none. */
    public String awaitLeader(long timeoutMs) throws InterruptedException {
        return awaitLeaderExcept(null, timeoutMs);
    }

    /** A leader other than {@code not}, waiting up to timeoutMs; null if none. */
    public String awaitLeaderExcept(String not, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            for (String id : ids) {
                if (!alive(id) || id.equals(not)) continue;
                Object[] r = call(id, "GET", "/status", null, Duration.ofMillis(500));
                if ((int) r[0] == 200 && LEADER.matcher((String) r[1]).find()) return id;
            }
            Thread.sleep(50);
        }
        return null;
    }

    public static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\"([^\"]*)\"|null|[0-9-]+|true|false)").matcher(json);
        if (!m.find()) return null;
        return m.group(2) != null ? m.group(2) : m.group(1).equals("null") ? null : m.group(1);
    }

    public String log(String id) throws IOException {
        return java.nio.file.Files.readString(dir.resolve(id + ".log"));
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
}
