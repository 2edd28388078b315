package io.faultline.ssh;

import io.faultline.env.Environment;
import io.faultline.env.EnvironmentSpec;
import io.faultline.env.Environments;
import io.faultline.env.Node;
import io.faultline.env.NodeProcess;
import io.faultline.runner.RemoteHosts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test hosts for {@code --env ssh} without Docker: network namespaces made by faultline's own local
 * environment, each running its own sshd on its address with a host key generated here, reached
 * with a client key pair generated here. They share this machine's filesystem and process table
 * (run directories are per node, so that is fine) but each has its own network stack and iptables.
 * Only these addresses are ever connected to.
 */
public final class SshdHosts implements TestHosts {
    public static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Environment namespaces;
    private final Path dir;
    private final List<NodeProcess> daemons;

    private SshdHosts(Environment namespaces, Path dir, List<NodeProcess> daemons) {
        this.namespaces = namespaces;
        this.dir = dir;
        this.daemons = daemons;
    }

    /** Why these hosts cannot be made here (no root/namespaces, no sshd, no ssh-keygen), or empty. */
    public static Optional<String> whyNot() {
        String ns = Environments.whyNoNamespaces();
        if (!ns.isEmpty()) return Optional.of(ns);
        if (!Files.isExecutable(SSHD)) return Optional.of(SSHD + " is missing (apt-get install openssh-server)");
        if (!Files.isExecutable(Path.of("/usr/bin/ssh-keygen"))) return Optional.of("ssh-keygen is missing (apt-get install openssh-client)");
        return Optional.empty();
    }

    /** Skips the test where the hosts cannot be made, and fails it under CI=true. */
    public static void require() {
        Optional<String> why = whyNot();
        if (why.isPresent() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI=true, and the ssh tests cannot make their hosts: " + why.get());
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(why.isEmpty(), () -> "ssh tests skipped: " + why.get());
    }

    public static SshdHosts start(String runId, int count, Path dir) throws Exception {
        Files.createDirectories(dir);
        keygen(dir.resolve("client_key"));
        Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
        Files.createDirectories(Path.of("/run/sshd"));
        Environment env = Environments.create(new EnvironmentSpec("local", runId, count, dir.resolve("ns"), false, false));
        List<NodeProcess> daemons = new ArrayList<>();
        try {
            StringBuilder known = new StringBuilder();
            for (Node n : env.nodes()) {
                Path key = dir.resolve("host_key_" + n.name());
                keygen(key);
                Path cfg = dir.resolve("sshd_config_" + n.name());
                Files.writeString(cfg, String.join("\n",
                        "Port 22", "ListenAddress " + n.host(), "HostKey " + key, "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                        "PermitRootLogin prohibit-password", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
                        "UsePAM no", "StrictModes no", "PidFile none", "MaxSessions 50",
                        // These hosts share this machine's /root: Debian's bash sources ~/.bashrc for every
                        // command sshd runs (measured: a pyenv hook there took seconds per command and,
                        // interrupted, left a lock that stalled the next ones). bash skips it when
                        // SHLVL says it is not a top-level shell.
                        "SetEnv SHLVL=1", ""), StandardCharsets.UTF_8);
                daemons.add(n.spawn(List.of(SSHD.toString(), "-D", "-e", "-f", cfg.toString()), Map.of(), n.dir().resolve("sshd.log")));
                known.append(n.host()).append(' ').append(Files.readString(key.resolveSibling(key.getFileName() + ".pub")).strip()).append('\n');
            }
            Files.writeString(dir.resolve("known_hosts"), known.toString());
            for (Node n : env.nodes()) awaitPort(n.host(), 22);
            return new SshdHosts(env, dir, daemons);
        } catch (Exception e) {
            env.close();
            throw e;
        }
    }

    private static void keygen(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "faultline-test", "-f", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IOException("ssh-keygen failed: " + out);
    }

    private static void awaitPort(String host, int port) throws InterruptedException, IOException {
        long end = System.nanoTime() + 10_000_000_000L;
        IOException last = null;
        while (System.nanoTime() < end) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 500);
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IOException("sshd on " + host + ":" + port + " did not listen within 10 s", last);
    }

    @Override
    public List<String> addresses() {
        return namespaces.nodes().stream().map(Node::host).toList();
    }

    public Path clientKey() {
        return dir.resolve("client_key");
    }

    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /** The env settings of a run against these hosts (root login, the generated key and known_hosts). */
    @Override
    public RemoteHosts remoteHosts() {
        return new RemoteHosts(addresses().stream().map(a -> new RemoteHosts.Host(a, 22)).toList(), "root",
                Optional.of(clientKey()), 22, false, false, Optional.of(knownHosts()), Optional.empty());
    }

    @Override
    public Map<String, String> settings() {
        return remoteHosts().settings();
    }

    @Override
    public void close() {
        daemons.forEach(d -> d.terminate(java.time.Duration.ofSeconds(2)));
        namespaces.close();
    }
}
