package io.faultline.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hosts of {@code --env ssh} and how to log in to them, as the CLI, campaign files and the ssh
 * environment all read them: parsed here once, carried to the environment as {@code env.X}
 * settings ({@link #settings()}) so that test.json records them and the core knows no SSH library.
 *
 * @param hosts      host[:port] in cluster order; node n1 is the first
 * @param user       login user (root when not given)
 * @param key        private key file; empty: the SSH agent ($SSH_AUTH_SOCK) and ~/.ssh/id_* are tried
 * @param port       default port for hosts without one
 * @param sudo       run privileged commands (iptables, tc, cleanup) through {@code sudo -n}
 * @param acceptNew  trust a host seen for the first time and record it (OpenSSH's accept-new)
 * @param knownHosts the known_hosts file (default ~/.ssh/known_hosts)
 * @param etcdBin    an etcd binary on this machine to upload instead of the hosts' own
 */
public record RemoteHosts(List<Host> hosts, String user, Optional<Path> key, int port, boolean sudo,
                          boolean acceptNew, Optional<Path> knownHosts, Optional<Path> etcdBin) {

    /** One host; {@code name} is what the user wrote (a name or an address). */
    public record Host(String name, int port) {
        public Host {
            if (name.isBlank() || name.chars().anyMatch(c -> Character.isWhitespace(c) || c == ',' || c == '/' || c == '@')) {
                throw new IllegalArgumentException("'" + name + "' is not a host name or address");
            }
            if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port + ": expected 1 to 65535");
        }

        @Override
        public String toString() {
            return port == 22 ? name : name + ":" + port;
        }
    }

    public RemoteHosts {
        hosts = List.copyOf(hosts);
        if (user.isBlank()) throw new IllegalArgumentException("--ssh-user must not be empty");
    }

    /** "h1,h2:2222,[::1]:22" → hosts; the port defaults to {@code port}. */
    public static List<Host> parseList(String list, int port) {
        List<Host> out = new ArrayList<>();
        for (String h : list.split(",")) {
            if (h.isBlank()) continue;
            out.add(parseOne(h.strip(), port));
        }
        return out;
    }

    /**
     * One host[:port] a line; blank lines and lines starting with # are skipped. A bad line is
     * an {@link IllegalArgumentException} naming file:line.
     */
    public static List<Host> parseFile(Path file, int port) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("--hosts-file " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        List<Host> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            try {
                out.add(parseOne(l, port));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage()
                        + " (expected one host[:port] per line)");
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("--hosts-file " + file + ": no host in it");
        return out;
    }

    static Host parseOne(String s, int defaultPort) {
        String name = s;
        int port = defaultPort;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) throw new IllegalArgumentException("'" + s + "': unclosed [");
            name = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) throw new IllegalArgumentException("'" + s + "': expected [address]:port");
                port = port(rest.substring(1), s);
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            name = s.substring(0, s.indexOf(':'));
            port = port(s.substring(s.indexOf(':') + 1), s);
        }
        return new Host(name, port);
    }

    private static int port(String p, String whole) {
        try {
            return Integer.parseInt(p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + whole + "': port '" + p + "' is not a number");
        }
    }

    /** The {@code env.X} options a run records (without the "env." prefix). */
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("hosts", String.join(",", hosts.stream().map(h -> h.name().contains(":") ? "[" + h.name() + "]:" + h.port()
                : h.name() + ":" + h.port()).toList()));
        m.put("ssh-user", user);
        key.ifPresent(k -> m.put("ssh-key", k.toString()));
        m.put("ssh-port", Integer.toString(port));
        if (sudo) m.put("sudo", "true");
        if (acceptNew) m.put("ssh-accept-new", "true");
        knownHosts.ifPresent(k -> m.put("known-hosts", k.toString()));
        etcdBin.ifPresent(e -> m.put("etcd-bin", e.toString()));
        return m;
    }

    /** Reads {@link #settings()} back; an environment given no hosts is refused with the flags to use. */
    public static RemoteHosts fromSettings(Map<String, String> s) {
        String hosts = s.getOrDefault("hosts", "");
        int port = Integer.parseInt(s.getOrDefault("ssh-port", "22"));
        List<Host> list = parseList(hosts, port);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("--env ssh needs hosts: --hosts h1,h2,h3 or --hosts-file FILE"
                    + " (campaign files: hosts: [h1, h2, h3])");
        }
        return new RemoteHosts(list, s.getOrDefault("ssh-user", "root"), Optional.ofNullable(s.get("ssh-key")).map(Path::of),
                port, Boolean.parseBoolean(s.get("sudo")), Boolean.parseBoolean(s.get("ssh-accept-new")),
                Optional.ofNullable(s.get("known-hosts")).map(Path::of), Optional.ofNullable(s.get("etcd-bin")).map(Path::of));
    }
}
