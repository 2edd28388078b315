package io.faultline.ssh;

import io.faultline.env.Capability;
import io.faultline.env.ClockControl;
import io.faultline.env.EnvironmentBase;
import io.faultline.env.EnvironmentException;
import io.faultline.env.ExecResult;
import io.faultline.env.FaketimeClocks;
import io.faultline.env.LinkControl;
import io.faultline.env.Missing;
import io.faultline.env.Node;
import io.faultline.runner.EnvironmentRequest;
import io.faultline.runner.RemoteHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code --env ssh}: node n<i> is the i-th of {@code --hosts}, reached over one SSH session per
 * host. Before anything is created on a host, a state file records what will be (its run
 * directory; each process adds its pid before it runs), so the end of the run, a shutdown hook, or
 * {@code faultline cleanup --env ssh --hosts ...} after a killed harness removes exactly that
 * ({@link RemoteCleanup}). Partitions and packet loss are iptables rules in faultline's own chains
 * on the hosts, delays and stalls tc netem on the hosts that have it ({@link NetemLinks}), kills and
 * pauses are signals to recorded pids, clocks are libfaketime offset files on the hosts where
 * libfaketime is installed.
 */
public final class SshEnvironment extends EnvironmentBase<SshNode> {
    private static final Duration CHECK_LIMIT = Duration.ofSeconds(30);
    static final String DELAY_NOT_ASKED = "packet faults were not asked for when the environment was created";

    private final String runId;
    private final SshConnector connector;
    private final Optional<FaketimeClocks> clocks;
    private final Optional<NetemLinks> links;

    private SshEnvironment(String runId, SshConnector connector, List<SshNode> nodes, Optional<FaketimeClocks> clocks,
                           Optional<NetemLinks> links, Missing missing) {
        super("faultline-ssh-cleanup-" + runId, nodes, missing);
        this.runId = runId;
        this.connector = connector;
        this.clocks = clocks;
        this.links = links;
        armShutdownHook();
    }

    /** The run directory on a host, under {@link RemoteCleanup#BASE}. */
    static String remoteDir(String runId, String node) {
        return RemoteCleanup.BASE + "/" + runId + "-" + node;
    }

    /**
     * Connects to every host and checks it (login, sudo, iptables, tar) before anything is created
     * on any of them; then writes each host's state file and run directory. Throws naming the host
     * and the fix; whatever was made by then is removed again.
     */
    public static SshEnvironment create(EnvironmentRequest request) {
        RemoteHosts rh;
        try {
            rh = RemoteHosts.fromSettings(request.settings());
        } catch (IllegalArgumentException e) {
            throw new EnvironmentException(e.getMessage(), e);
        }
        if (rh.hosts().size() != request.nodes()) {
            throw new EnvironmentException("--env ssh runs one node per host: " + rh.hosts().size() + " hosts given ("
                    + rh.hosts().stream().map(Object::toString).toList() + ") but " + request.nodes()
                    + " nodes asked; pass --nodes " + rh.hosts().size());
        }
        SshConnector connector = new SshConnector(rh);
        List<SshHost> hosts = new ArrayList<>();
        List<SshNode> nodes = new ArrayList<>();
        try {
            for (RemoteHosts.Host h : rh.hosts()) hosts.add(connector.connect(h));
            for (SshHost h : hosts) check(h, rh.sudo());
            String harness = localHostName() + " " + ProcessHandle.current().pid();
            for (int i = 0; i < hosts.size(); i++) {
                SshHost h = hosts.get(i);
                String name = "n" + (i + 1);
                String dir = remoteDir(request.runId(), name);
                String state = dir + ".state";
                String tag = request.runId() + "-" + name;
                ExecResult made = h.run("mkdir -p " + RemoteCleanup.BASE + " && chmod 1777 " + RemoteCleanup.BASE + " 2>/dev/null;"
                        + " [ ! -e " + Shell.quote(state) + " ] || { echo 'state file " + state + " already exists' >&2; exit 1; };"
                        + " printf '%s\\n' " + Shell.quote("tag " + tag) + " " + Shell.quote("harness " + harness) + " "
                        + Shell.quote("started " + Instant.now()) + " " + Shell.quote("dir " + dir) + " > " + Shell.quote(state)
                        + " && mkdir -p " + Shell.quote(dir), CHECK_LIMIT);
                if (!made.ok()) throw h.failure("creating the run directory " + dir, made);
                Path local = request.runDir().resolve("nodes").resolve(name).toAbsolutePath().normalize();
                Files.createDirectories(local);
                Files.writeString(local.resolve("host.txt"), h.target() + " (" + h.address() + "), run directory " + dir + "\n");
                Optional<String> faketime = request.clockFaults() ? findFaketime(h) : Optional.empty();
                nodes.add(new SshNode(name, h, local, dir, state, tag, rh.etcdBin(), faketime));
            }
            Optional<FaketimeClocks> clocks = Optional.empty();
            Missing missing = Missing.NONE;
            if (!request.clockFaults()) {
                missing = missing.notAsked(Capability.CLOCK, Missing.CLOCK_NOT_ASKED);
            } else {
                List<String> without = nodes.stream().filter(n -> !n.underFaketime()).map(n -> n.sshHost().toString()).toList();
                if (without.isEmpty()) {
                    clocks = Optional.of(new FaketimeClocks(nodes));
                } else {
                    missing = missing.without(Capability.CLOCK, "libfaketime is not installed on " + String.join(", ", without)
                            + " (apt-get install faketime there)");
                }
            }
            // Delays and stalls are tc netem on the hosts: tried on each (in a scratch namespace) only
            // when packet faults were asked for; a host without it is named, and the run refuses them.
            Optional<NetemLinks> links = Optional.empty();
            if (!request.faultProxy()) {
                missing = missing.notAsked(Capability.PACKET_DELAY, DELAY_NOT_ASKED);
            } else {
                List<String> without = new ArrayList<>();
                for (SshHost h : hosts) NetemLinks.whyNot(h).ifPresent(why -> without.add("host " + h + ": " + why));
                if (without.isEmpty()) {
                    links = Optional.of(new NetemLinks(nodes));
                } else {
                    missing = missing.without(Capability.PACKET_DELAY, "packet delay and stall are tc netem on the hosts, which does not work on "
                            + String.join("; ", without) + " (a kernel with the sch_netem, sch_prio and cls_u32 modules, and iproute2)");
                }
            }
            return new SshEnvironment(request.runId(), connector, nodes, clocks, links, missing);
        } catch (IOException | RuntimeException e) {
            for (SshNode n : nodes) {
                try {
                    n.sshHost().runPrivileged(RemoteCleanup.script(Shell.quote(n.stateFile()), false, false), CHECK_LIMIT);
                } catch (IOException | RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            hosts.forEach(SshHost::close);
            connector.close();
            if (e instanceof EnvironmentException ee) throw ee;
            throw new EnvironmentException("starting the ssh environment failed: " + e.getMessage(), e);
        }
    }

    /** What every host must offer before a node starts there; each refusal names the host and the fix. */
    private static void check(SshHost h, boolean sudo) throws IOException {
        if (sudo) {
            ExecResult r = h.run("sudo -n true", CHECK_LIMIT);
            if (!r.ok()) {
                throw new EnvironmentException("host " + h + ": --sudo, but sudo asks for a password or is missing ("
                        + r.stderr().strip() + "): allow this user passwordless sudo there, or log in as root");
            }
        }
        ExecResult tools = h.run("for t in tar sh bash kill timeout; do command -v $t >/dev/null || echo $t; done", CHECK_LIMIT);
        if (!tools.stdout().isBlank()) {
            throw new EnvironmentException("host " + h + " lacks " + String.join(", ", tools.stdout().strip().split("\\s+"))
                    + ": install them there (apt-get install tar bash coreutils procps)");
        }
        ExecResult ipt = h.runPrivileged("iptables -w -S INPUT", CHECK_LIMIT);
        if (!ipt.ok()) {
            throw new EnvironmentException("host " + h + ": iptables does not work there (" + (ipt.stderr().isBlank()
                    ? "exit " + ipt.exitCode() : ipt.stderr().strip()) + "): install it (apt-get install iptables) and log in as root"
                    + (sudo ? "" : " or pass --sudo"));
        }
    }

    /** This machine's name as {@code hostname} prints it (no DNS lookup: that can stall for seconds). */
    private static String localHostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Optional<String> findFaketime(SshHost h) throws IOException {
        ExecResult r = h.run("ls /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1"
                + " /usr/local/lib/faketime/libfaketime.so.1 2>/dev/null | head -1", CHECK_LIMIT);
        String lib = r.stdout().strip();
        return lib.isEmpty() ? Optional.empty() : Optional.of(lib);
    }

    @Override
    public String name() {
        return "ssh";
    }

    @Override
    public String description() {
        StringBuilder sb = new StringBuilder("ssh environment, ").append(nodes.size()).append(" hosts (");
        for (SshNode n : nodes) {
            if (n != nodes.getFirst()) sb.append(", ");
            sb.append(n.name()).append('=').append(n.sshHost()).append(" [").append(n.host()).append(']');
        }
        sb.append("), one SSH session each, known hosts ").append(connector.knownHosts())
                .append(", run directories ").append(remoteDir(runId, "nN")).append(" on the hosts");
        sb.append(unavailable());
        return sb.toString();
    }

    @Override
    public String peerAddress(Node from, Node to, int peerPort) {
        own(from);
        return own(to).host() + ":" + peerPort;
    }

    @Override
    public Optional<LinkControl> links() {
        return links.map(l -> l);
    }

    @Override
    public Optional<ClockControl> clocks() {
        return clocks.map(c -> c);
    }

    /** The path of a node's run directory on its host, for tests and messages. */
    public String remoteDir(Node node) {
        return own(node).remoteDir();
    }

    /**
     * Copies every node's logs back, then removes on each host what the state file names, and
     * faultline's iptables chains; one failed host does not stop the others.
     */
    @Override
    protected void teardown() {
        List<String> failures = new ArrayList<>();
        for (SshNode n : nodes) {
            try {
                n.fetchLogs();
            } catch (IOException | RuntimeException e) {
                failures.add("logs of " + n.name() + ": " + e.getMessage());
            }
            try {
                ExecResult r = n.sshHost().runPrivileged(RemoteCleanup.script(Shell.quote(n.stateFile()), false, false), CHECK_LIMIT);
                if (!r.ok()) failures.add(n.sshHost() + ": " + r.stderr().strip());
            } catch (IOException | RuntimeException e) {
                failures.add(n.sshHost() + ": " + e.getMessage());
            }
            n.sshHost().close();
        }
        connector.close();
        if (!failures.isEmpty()) {
            throw new EnvironmentException("teardown of ssh run '" + runId + "' incomplete: " + String.join("; ", failures)
                    + "; run './faultline cleanup --env ssh --hosts " + String.join(",", nodes.stream().map(n -> n.sshHost().toString()).toList()) + "'");
        }
    }
}
