package io.faultline.nemesis;

import io.faultline.db.Killable;
import io.faultline.db.LeaderAware;
import io.faultline.db.LogFiles;
import io.faultline.db.Pausable;
import io.faultline.env.Environment;
import io.faultline.env.Node;
import io.faultline.env.NodeProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real, tiny store for nemesis tests: one {@link EchoServer} JVM per node, started through
 * {@link Node#spawn} (so inside the node's namespace and under its libfaketime settings). Its
 * "leader" is the lowest-named running node.
 */
final class EchoDb implements Killable, Pausable, LeaderAware, LogFiles {
    static final int PORT = 7100;

    private final Map<String, NodeProcess> processes = new ConcurrentHashMap<>();
    private Environment env;

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String version() {
        return "test";
    }

    @Override
    public void setup(Environment env) throws Exception {
        this.env = env;
        for (Node n : env.nodes()) start(n);
    }

    @Override
    public void start(Node node) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        NodeProcess p = node.spawn(List.of(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp",
                        System.getProperty("java.class.path"), EchoServer.class.getName(), node.host(), Integer.toString(PORT)),
                Map.of(), node.dir().resolve("echo.log"));
        processes.put(node.name(), p);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (ask(node.host() + ":" + PORT, "ping", 500).filter("pong"::equals).isPresent()) {
                return;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("echo server on " + node.name() + " died; see " + node.dir().resolve("echo.log"));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("echo server on " + node.name() + " did not answer within 30 s");
    }

    @Override
    public void kill(Node node) {
        NodeProcess p = processes.get(node.name());
        if (p != null) {
            p.kill();
        }
    }

    @Override
    public void pause(Node node) {
        processes.get(node.name()).pause();
    }

    @Override
    public void resume(Node node) {
        if (isRunning(node)) processes.get(node.name()).resume();
    }

    @Override
    public String processState(Node node) {
        NodeProcess p = processes.get(node.name());
        return p == null ? "" : p.state();
    }

    @Override
    public boolean isRunning(Node node) {
        NodeProcess p = processes.get(node.name());
        return p != null && p.isAlive();
    }

    @Override
    public void awaitReady() throws Exception {
        for (Node n : env.nodes()) {
            if (ask(clientAddress(n), "ping", 5_000).isEmpty()) {
                throw new IllegalStateException(n.name() + " does not answer");
            }
        }
    }

    @Override
    public Optional<Node> leader() {
        return env.nodes().stream().filter(this::isRunning).findFirst();
    }

    @Override
    public String clientAddress(Node node) {
        return node.host() + ":" + PORT;
    }

    @Override
    public List<Path> logFiles(Node node) {
        return List.of(node.dir().resolve("echo.log"));
    }

    @Override
    public void teardown() {
        processes.values().forEach(NodeProcess::kill);
        processes.clear();
    }

    /** One request line, one answer line, or empty on any failure or timeout. */
    static Optional<String> ask(String address, String request, int timeoutMillis) {
        int colon = address.lastIndexOf(':');
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
                    timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out.println(request);
            return Optional.ofNullable(in.readLine());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
