package io.faultline.env;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each node in its own network namespace {@code faultline-<run>-n<i>}. The nodes' {@code eth0}s are
 * veth pairs whose other ends sit on a bridge inside a hub namespace {@code faultline-<run>-hub},
 * and one more veth ({@code flh-<tag>}) joins the hub to the host, carrying the gateway address
 * (clients in the harness reach nodes through it) and one fault-proxy address per node. The
 * bridge lives in its own namespace because a host with Docker loads br_netfilter and sets its
 * FORWARD policy to DROP: a bridge in the host's namespace would pass node-to-node traffic through
 * the host's own tables and lose it. In the hub, those hooks see the hub's empty tables.
 */
final class NamespaceNetwork implements NodeNetwork {
    static final String PREFIX = "10.77";
    static final String NETNS_PREFIX = "faultline-";
    /** Interface names are limited to 15 characters, hence a short tag instead of the run id. */
    static final Pattern LINK_NAME = Pattern.compile("fl[bvh]-[0-9a-f]{6}(-\\d+)?");

    private final String runId;
    private final int nodes;
    private final AddressBlock block;
    private final RunState state;
    private final String hostLink;
    private final String tag;

    private NamespaceNetwork(String runId, int nodes, AddressBlock block, RunState state, String tag) {
        this.runId = runId;
        this.nodes = nodes;
        this.block = block;
        this.state = state;
        this.tag = tag;
        this.hostLink = "flh-" + tag;
    }

    static String netnsName(String runId, int i) {
        return NETNS_PREFIX + runId + (i == 0 ? "-hub" : "-n" + i);
    }

    static String tag(String runId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(runId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Creates the hub, the node namespaces and their links; on any failure removes what it made and rethrows. */
    static NamespaceNetwork create(String runId, int nodes, RunState state) {
        String tag = tag(runId);
        if (linkExists("flh-" + tag)) {
            throw new EnvironmentException("link flh-" + tag + " already exists (a leftover of run '" + runId
                    + "' or a clash of run ids); run './faultline cleanup' or pick another run id");
        }
        for (int i = 0; i <= nodes; i++) {
            if (netnsExists(netnsName(runId, i))) {
                throw new EnvironmentException("network namespace " + netnsName(runId, i)
                        + " already exists; run './faultline cleanup' first");
            }
        }
        Set<Integer> used = hostBlocks();
        AddressBlock block = AddressBlock.claim(PREFIX, runId, used::contains, state);
        NamespaceNetwork net = new NamespaceNetwork(runId, nodes, block, state, tag);
        try {
            net.build();
        } catch (RuntimeException e) {
            try {
                net.teardown();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return net;
    }

    /** Node i's namespace; index 0 names the hub. */
    private void build() {
        String hub = netnsName(runId, 0);
        state.add(RunState.NETNS, hub);
        HostCommand.check(List.of("ip", "netns", "add", hub));
        HostCommand.check(List.of("ip", "-n", hub, "link", "set", "lo", "up"));
        HostCommand.check(List.of("ip", "-n", hub, "link", "add", "br0", "type", "bridge"));
        HostCommand.check(List.of("ip", "-n", hub, "link", "set", "br0", "up"));
        state.add(RunState.LINK, hostLink);
        HostCommand.check(List.of("ip", "link", "add", hostLink, "type", "veth", "peer", "name", "up0", "netns", hub));
        HostCommand.check(List.of("ip", "-n", hub, "link", "set", "up0", "master", "br0", "up"));
        HostCommand.check(List.of("ip", "addr", "add", block.gateway() + "/24", "dev", hostLink));
        for (int i = 1; i <= nodes; i++) {
            // Secondary addresses: the proxy dials node j from node i's proxy address.
            HostCommand.check(List.of("ip", "addr", "add", block.proxy(i) + "/24", "dev", hostLink));
        }
        HostCommand.check(List.of("ip", "link", "set", hostLink, "up"));
        for (int i = 1; i <= nodes; i++) {
            String ns = netnsName(runId, i);
            String port = "p" + i;
            state.add(RunState.NETNS, ns);
            HostCommand.check(List.of("ip", "netns", "add", ns));
            HostCommand.check(List.of("ip", "-n", hub, "link", "add", port, "type", "veth", "peer", "name", "eth0",
                    "netns", ns));
            HostCommand.check(List.of("ip", "-n", hub, "link", "set", port, "master", "br0", "up"));
            HostCommand.check(List.of("ip", "-n", ns, "addr", "add", block.node(i) + "/24", "dev", "eth0"));
            HostCommand.check(List.of("ip", "-n", ns, "link", "set", "eth0", "up"));
            HostCommand.check(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
        }
    }

    @Override
    public String kind() {
        return "local";
    }

    @Override
    public AddressBlock block() {
        return block;
    }

    String hostLink() {
        return hostLink;
    }

    @Override
    public Missing missing() {
        return Missing.NONE;
    }

    @Override
    public Optional<String> netns(int i) {
        return Optional.of(netnsName(runId, i));
    }

    @Override
    public void killStragglers() {
        for (String ns : state.values(RunState.NETNS)) {
            killAllIn(ns);
        }
    }

    @Override
    public void teardown() {
        List<String> problems = new ArrayList<>();
        for (String ns : state.values(RunState.NETNS)) {
            if (removeNetns(ns)) {
                state.remove(RunState.NETNS, ns);
            } else {
                problems.add("namespace " + ns);
            }
        }
        for (String link : state.values(RunState.LINK)) {
            if (removeLink(link)) {
                state.remove(RunState.LINK, link);
            } else {
                problems.add("link " + link);
            }
        }
        if (!problems.isEmpty()) {
            throw new EnvironmentException("could not remove " + String.join(", ", problems)
                    + "; run './faultline cleanup'");
        }
    }

    // ---- used by teardown and by 'faultline cleanup' ----

    /** SIGKILLs every process in the namespace and waits (up to 10 s) until they are gone. */
    static void killAllIn(String ns) {
        List<Long> pids = pidsIn(ns);
        if (pids.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("kill", "-9"));
        pids.forEach(p -> cmd.add(Long.toString(p)));
        HostCommand.quietly(cmd);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && pids.stream().anyMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false))) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static List<Long> pidsIn(String ns) {
        try {
            ExecResult r = HostCommand.run(List.of("ip", "netns", "pids", ns));
            if (!r.ok()) {
                return List.of();
            }
            return r.stdout().lines().map(String::strip).filter(s -> s.matches("\\d+")).map(Long::parseLong).toList();
        } catch (java.io.IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Kills what runs inside, then deletes the namespace; true when it is gone. */
    static boolean removeNetns(String ns) {
        if (!netnsExists(ns)) {
            return true;
        }
        killAllIn(ns);
        HostCommand.quietly(List.of("ip", "netns", "del", ns));
        return !netnsExists(ns);
    }

    static boolean removeLink(String link) {
        if (!linkExists(link)) {
            return true;
        }
        HostCommand.quietly(List.of("ip", "link", "del", link));
        return !linkExists(link);
    }

    static boolean netnsExists(String ns) {
        return listNetns().contains(ns);
    }

    static List<String> listNetns() {
        try {
            ExecResult r = HostCommand.run(List.of("ip", "netns", "list"));
            if (!r.ok()) {
                return List.of();
            }
            // Lines look like "faultline-x-n1 (id: 3)" or just the name.
            return r.stdout().lines().map(l -> l.strip().split("\\s+")[0]).filter(s -> !s.isEmpty()).toList();
        } catch (java.io.IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    static boolean linkExists(String link) {
        return listLinks().contains(link);
    }

    static List<String> listLinks() {
        try {
            ExecResult r = HostCommand.run(List.of("ip", "-o", "link", "show"));
            if (!r.ok()) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            Pattern p = Pattern.compile("^\\d+:\\s+([^:@\\s]+)");
            for (String line : r.stdout().lines().toList()) {
                Matcher m = p.matcher(line);
                if (m.find()) {
                    names.add(m.group(1));
                }
            }
            return names;
        } catch (java.io.IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Third octets of 10.77.X.0/24 blocks that host addresses or routes already touch. */
    static Set<Integer> hostBlocks() {
        Set<Integer> used = new HashSet<>();
        Pattern p = Pattern.compile("\\b10\\.77\\.(\\d{1,3})\\.");
        for (List<String> cmd : List.of(List.of("ip", "-4", "-o", "addr", "show"), List.of("ip", "-4", "route", "show", "table", "all"))) {
            String out = HostCommand.check(cmd);
            Matcher m = p.matcher(out);
            while (m.find()) {
                used.add(Integer.parseInt(m.group(1)));
            }
        }
        // A route covering all of 10.0.0.0/8 or 10.77.0.0/16 (a VPN, say) would swallow ours.
        String routes = HostCommand.check(List.of("ip", "-4", "route", "show"));
        if (routes.lines().anyMatch(l -> l.startsWith("10.0.0.0/8") || l.startsWith("10.77.0.0/16"))) {
            throw new EnvironmentException("the host routes 10.0.0.0/8 or 10.77.0.0/16 elsewhere; the local environment "
                    + "needs 10.77.X.0/24 for its bridge (use --env loopback)");
        }
        return used;
    }
}
