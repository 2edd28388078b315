package io.faultline.ssh;

import io.faultline.env.EnvironmentException;
import io.faultline.env.ExecResult;
import io.faultline.env.LinkControl;
import io.faultline.env.Node;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@link LinkControl} of remote hosts: {@code tc netem} on the sending host, so the packet
 * nemesis and its evidence ({@code PacketEvidence}) work unchanged. A link from->to gets its own
 * netem in band {@code 4+i} (i: the receiver's index) of a {@code prio} root qdisc with handle
 * {@value #HANDLE}: on the device that routes to the receiver, with a u32 filter on its address;
 * everything else keeps prio's default bands. Only a device whose root qdisc is the kernel's default
 * (handle 0:) is ever given one, and heal (and {@link RemoteCleanup}) delete only a root with this
 * handle, so a host's own traffic shaping is never touched. A stall is netem {@code loss 100%}:
 * nothing crosses until the heal, after which TCP resends.
 *
 * <p>netem does not say how long it held a packet, so {@link #observed} measures it: TCP connects
 * from the sender to port 1 of the receiver (answered by a reset) take at least the delay longer
 * than they did before any fault, measured once per link on the first delay; the chunks and bytes
 * are the link's netem counters since the fault was set.
 */
final class NetemLinks implements LinkControl {
    /** The handle of faultline's root qdisc on a host's device; nothing else is ever removed. */
    static final String HANDLE = "fa17:";
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final int PROBES = 3;
    private static final Pattern SENT = Pattern.compile("Sent (\\d+) bytes (\\d+) pkt");

    private final List<SshNode> nodes;
    /** Per sending node, the devices that carry faultline's root qdisc. */
    private final Map<SshNode, Set<String>> touched = new ConcurrentHashMap<>();
    /** Per link "a>b": its device on a, and whether it is stalled rather than delayed. */
    private final Map<String, Link> links = new ConcurrentHashMap<>();
    /** Per link, the fastest connect before any fault, in nanoseconds. */
    private final Map<String, Long> baseline = new ConcurrentHashMap<>();

    private record Link(String device, boolean stalled) {
    }

    NetemLinks(List<SshNode> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /**
     * Tries the whole recipe (prio root, netem child, u32 filter) in a scratch network namespace on
     * the host, so none of its own devices is touched; empty when it works, else why not.
     */
    static Optional<String> whyNot(SshHost h) throws IOException {
        String ns = "faultline-netem-probe-$$";
        String script = String.join("\n",
                "command -v tc >/dev/null 2>&1 || { echo 'no tc (apt-get install iproute2)'; exit 1; }",
                "command -v ip >/dev/null 2>&1 || { echo 'no ip (apt-get install iproute2)'; exit 1; }",
                "ns=" + ns,
                "ip netns add $ns 2>&1 || { echo 'cannot make a scratch network namespace to try netem in'; exit 1; }",
                "trap 'ip netns del $ns' EXIT",
                "trap 'exit 1' HUP INT TERM", // through the EXIT trap: the scratch namespace goes either way
                "ip -n $ns link set lo up",
                "out=$(ip netns exec $ns tc qdisc add dev lo root handle " + HANDLE + " prio bands 16 2>&1) || { echo \"tc prio qdisc: $out\"; exit 1; }",
                "out=$(ip netns exec $ns tc qdisc add dev lo parent " + HANDLE + "4 handle fa04: netem delay 1ms 2>&1) || { echo \"tc netem qdisc: $out\"; exit 1; }",
                "out=$(ip netns exec $ns tc filter add dev lo parent " + HANDLE + " protocol ip prio 1 u32 match ip dst 127.0.0.1/32 flowid "
                        + HANDLE + "4 2>&1) || { echo \"tc u32 filter: $out\"; exit 1; }",
                "exit 0");
        ExecResult r = h.runPrivileged(script, LIMIT);
        if (r.ok()) return Optional.empty();
        String why = (r.stdout() + r.stderr()).strip().replaceAll("\\s+", " ");
        return Optional.of(why.isEmpty() ? "the netem probe failed (exit " + r.exitCode() + ")" : why);
    }

    @Override
    public void delay(Node from, Node to, Duration delay, Duration jitter) {
        measureBaselines();
        set(from, to, "delay " + delay.toMillis() + "ms" + (jitter.isZero() ? "" : " " + jitter.toMillis() + "ms"), false);
    }

    @Override
    public void stall(Node from, Node to) {
        set(from, to, "loss 100%", true);
    }

    @Override
    public void heal() {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<SshNode, Set<String>> e : touched.entrySet()) {
            for (String dev : List.copyOf(e.getValue())) {
                try {
                    ExecResult r = e.getKey().sshHost().runPrivileged(removeRoot(dev), LIMIT);
                    if (r.ok()) e.getValue().remove(dev);
                    else failures.add(e.getKey().sshHost() + " " + dev + ": " + r.stderr().strip());
                } catch (IOException ex) {
                    failures.add(e.getKey().sshHost() + " " + dev + ": " + ex.getMessage());
                }
            }
        }
        links.clear();
        if (!failures.isEmpty()) throw new EnvironmentException("removing tc netem failed on " + String.join("; ", failures));
    }

    /** Deletes the device's root qdisc if and only if it is faultline's. */
    static String removeRoot(String dev) {
        return "if tc qdisc show dev " + Shell.quote(dev) + " root | grep -q '^qdisc prio " + HANDLE + " '; then tc qdisc del dev "
                + Shell.quote(dev) + " root; fi";
    }

    @Override
    public Observed observed(Node from, Node to) {
        SshNode a = own(from);
        SshNode b = own(to);
        Link link = links.get(key(a, b));
        if (link == null) return new Observed(0, 0, 0);
        try {
            long hold = 0;
            if (!link.stalled()) {
                Long before = baseline.get(key(a, b));
                hold = Math.max(0, fastestConnect(a, b) - (before == null ? 0 : before));
            }
            ExecResult r = a.sshHost().run("tc -s qdisc show dev " + Shell.quote(link.device()) + " parent " + HANDLE + Integer.toHexString(band(b)), LIMIT);
            Matcher m = SENT.matcher(r.stdout());
            if (!r.ok() || !m.find()) throw new EnvironmentException("no netem counters for " + a.name() + "->" + b.name()
                    + " on host " + a.sshHost() + ": " + (r.stdout() + r.stderr()).strip());
            return new Observed(Long.parseLong(m.group(2)), Long.parseLong(m.group(1)), hold);
        } catch (IOException e) {
            throw new EnvironmentException("reading netem on host " + a.sshHost() + " failed: " + e.getMessage(), e);
        }
    }

    private void set(Node from, Node to, String netem, boolean stalled) {
        SshNode a = own(from);
        SshNode b = own(to);
        String proto = b.host().contains(":") ? "ipv6" : "ip";
        String match = b.host().contains(":") ? "ip6 dst " + b.host() + "/128" : "ip dst " + b.host() + "/32";
        String band = HANDLE + Integer.toHexString(band(b));
        String script = String.join("\n",
                "set -e",
                "dev=$(ip -o route get " + Shell.quote(b.host()) + " | sed -n 's/.* dev \\([^ ]*\\).*/\\1/p')",
                "[ -n \"$dev\" ] || { echo 'no route to " + b.host() + "' >&2; exit 1; }",
                "root=$(tc qdisc show dev \"$dev\" root | head -1)",
                "case \"$root\" in",
                "  'qdisc prio " + HANDLE + " '*) ;;",
                "  *' 0: '*|'') tc qdisc add dev \"$dev\" root handle " + HANDLE + " prio bands 16 ;;",
                "  *) echo \"device $dev has a root qdisc of its own ($root); faultline does not replace it\" >&2; exit 1 ;;",
                "esac",
                "echo \"$dev\"",
                "tc qdisc replace dev \"$dev\" parent " + band + " handle fa" + String.format("%02x", band(b)) + ": netem " + netem,
                "tc filter show dev \"$dev\" parent " + HANDLE + " | grep -q 'flowid " + band + "' || tc filter add dev \"$dev\" parent "
                        + HANDLE + " protocol " + proto + " prio 1 u32 match " + match + " flowid " + band);
        try {
            ExecResult r = a.sshHost().runPrivileged(script, LIMIT);
            String dev = r.stdout().strip().lines().findFirst().orElse("");
            if (!dev.isEmpty()) touched.computeIfAbsent(a, k -> ConcurrentHashMap.newKeySet()).add(dev);
            if (!r.ok()) throw a.sshHost().failure("tc netem " + netem + " for " + a.name() + "->" + b.name(), r);
            links.put(key(a, b), new Link(dev, stalled));
        } catch (IOException e) {
            throw new EnvironmentException("tc netem on host " + a.sshHost() + " failed: " + e.getMessage(), e);
        }
    }

    /** Once, before the first delay: every link's fastest connect without a fault. */
    private synchronized void measureBaselines() {
        if (!baseline.isEmpty()) return;
        try {
            for (SshNode a : nodes) {
                for (SshNode b : nodes) {
                    if (a != b) baseline.put(key(a, b), fastestConnect(a, b));
                }
            }
        } catch (IOException e) {
            baseline.clear();
            throw new EnvironmentException("measuring the links before a delay failed: " + e.getMessage(), e);
        }
    }

    /** The fastest of a few TCP connects from a to port 1 of b, timed on a's host (a reset ends each). */
    private static long fastestConnect(SshNode a, SshNode b) throws IOException {
        String addr = b.host().contains(":") ? "[" + b.host() + "]" : b.host();
        ExecResult r = a.sshHost().run("for i in $(seq " + PROBES + "); do s=$(date +%s%N); timeout 2 bash -c "
                + Shell.quote("exec 3<>/dev/tcp/" + addr + "/1") + " 2>/dev/null; e=$(date +%s%N); echo $((e-s)); done", LIMIT);
        long best = Long.MAX_VALUE;
        for (String l : r.stdout().strip().split("\\s+")) {
            if (!l.isEmpty()) best = Math.min(best, Long.parseLong(l));
        }
        if (best == Long.MAX_VALUE) throw new IOException("connect probes from " + a.name() + " to " + b.name() + " printed nothing: "
                + r.stderr().strip());
        return best;
    }

    /** The prio band of links into b (tc reads class minors as hex). */
    private int band(SshNode b) {
        return 4 + nodes.indexOf(b);
    }

    private static String key(SshNode a, SshNode b) {
        return a.name() + ">" + b.name();
    }

    private SshNode own(Node node) {
        for (SshNode n : nodes) if (n == node) return n;
        throw new IllegalArgumentException("node " + node + " is not a node of this environment");
    }
}
