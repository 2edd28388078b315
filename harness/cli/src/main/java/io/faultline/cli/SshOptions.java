package io.faultline.cli;

import io.faultline.runner.RemoteHosts;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --env ssh} options, one definition shared by the commands that reach remote hosts (run, compare, cleanup). */
final class SshOptions {
    @Option(names = "--hosts", paramLabel = "H1,H2,...", description = "--env ssh: the hosts, host[:port], one node each (n1 is the first).")
    String hosts;

    @Option(names = "--hosts-file", paramLabel = "FILE", description = "--env ssh: a file of hosts, one host[:port] per line (# comments).")
    Path hostsFile;

    @Option(names = "--ssh-user", defaultValue = "root", paramLabel = "USER", description = "--env ssh: login user (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--ssh-key", paramLabel = "FILE", description = "--env ssh: private key (default: the SSH agent at $SSH_AUTH_SOCK, then ~/.ssh/id_ed25519, id_ecdsa, id_rsa).")
    Path key;

    @Option(names = "--ssh-port", defaultValue = "22", paramLabel = "PORT", description = "--env ssh: port of hosts given without one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--sudo", description = "--env ssh: run iptables, tc and cleanup through sudo -n (the user is not root).")
    boolean sudo;

    @Option(names = "--ssh-accept-new", description = "--env ssh: trust a host key seen for the first time and record it in known_hosts"
            + " (a changed key is always refused).")
    boolean acceptNew;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "--env ssh: known_hosts file (default: ~/.ssh/known_hosts).")
    Path knownHosts;

    /** True when any host was given. */
    boolean given() {
        return hosts != null || hostsFile != null;
    }

    /**
     * The run's {@code env.X} options for {@code env}; empty unless it is ssh. Throws
     * {@link IllegalArgumentException} naming the flag (or file:line) that is wrong.
     */
    Map<String, String> options(String env, Optional<String> etcdBin) {
        Map<String, String> out = new LinkedHashMap<>();
        settings(env, etcdBin).forEach((k, v) -> out.put("env." + k, v));
        return out;
    }

    /**
     * The environment's settings for {@code env} without the "env." prefix (the names campaign
     * files use for them); empty unless it is ssh. Throws as {@link #options}.
     */
    Map<String, String> settings(String env, Optional<String> etcdBin) {
        if (!env.equals("ssh")) {
            if (given()) throw new IllegalArgumentException("--hosts and --hosts-file need --env ssh (got --env " + env + ")");
            return Map.of();
        }
        return remoteHosts(etcdBin).settings();
    }

    /** The settings for {@code cleanup --env ssh}, without the "env." prefix. */
    Map<String, String> settings() {
        return remoteHosts(Optional.empty()).settings();
    }

    private RemoteHosts remoteHosts(Optional<String> etcdBin) {
        if (hosts != null && hostsFile != null) throw new IllegalArgumentException("--hosts and --hosts-file: give one of them");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("--ssh-port " + port + ": expected 1 to 65535");
        List<RemoteHosts.Host> list;
        if (hostsFile != null) {
            list = RemoteHosts.parseFile(hostsFile, port);
        } else if (hosts != null) {
            try {
                list = RemoteHosts.parseList(hosts, port);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--hosts: " + e.getMessage());
            }
        } else {
            throw new IllegalArgumentException("--env ssh needs the hosts: --hosts h1,h2,h3 or --hosts-file FILE");
        }
        if (list.isEmpty()) throw new IllegalArgumentException("--hosts: no host given");
        if (key != null && !java.nio.file.Files.isReadable(key)) throw new IllegalArgumentException("--ssh-key " + key + ": no such readable file");
        Optional<Path> etcd = etcdBin.map(Path::of);
        if (etcd.isPresent() && !java.nio.file.Files.isRegularFile(etcd.get())) {
            throw new IllegalArgumentException("--etcd-bin " + etcd.get() + ": no such file (under --env ssh it is uploaded to the hosts)");
        }
        return new RemoteHosts(list, user, Optional.ofNullable(key).map(Path::toAbsolutePath), port, sudo, acceptNew,
                Optional.ofNullable(knownHosts).map(Path::toAbsolutePath), etcd.map(Path::toAbsolutePath));
    }
}
