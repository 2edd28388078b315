package io.faultline.env;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each node in its own network namespace {@code faultline-<run>-n<i>}, its {@code eth0} one end of
 * a veth pair whose other end ({@code flv-<tag>-<i>}) is enslaved to a bridge the harness creates
 * ({@code flb-<tag>}) on a 10.77.X.0/24 no one else uses. The bridge carries the gateway address
 * (clients in the harness reach nodes through it) and one proxy address per node.
 */
final class NamespaceNetwork implements NodeNetwork {
    static final String PREFIX = "10.77";
    static final String NETNS_PREFIX = "faultline-";
    /** Interface names are limited to 15 characters, hence a short tag instead of the run id. */
    static final Pattern LINK_NAME = Pattern.compile("fl[bv]-[0-9a-f]{6}(-\\d+)?");

    private final String runId;
    private final int nodes;
    private final AddressBlock block;
    private final RunState state;
    private final String bridge;
    private final String tag;

    private NamespaceNetwork(String runId, int nodes, AddressBlock block, RunState state, String tag) {
        this.runId = runId;
        this.nodes = nodes;
        this.block = block;
        this.state = state;
        this.tag = tag;
        this.bridge = "flb-" + tag;
    }

    static String netnsName(String runId, int i) {
        return NETNS_PREFIX + runId + "-n" + i;
    }

    static String tag(String runId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(runId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Creates bridge, namespaces and veths; on any failure removes what it made and rethrows. */
    static NamespaceNetwork create(String runId, int nodes, RunState state) {
        String tag = tag(runId);
        if (linkExists("flb-" + tag)) {
            throw new EnvironmentException("bridge flb-" + tag + " already exists (a leftover of run '" + runId
                    + "' or a clash of run ids); run './faultline cleanup' or pick another run id");
        }
        for (int i = 1; i <= nodes; i++) {
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

    private void build() {
        state.add(RunState.LINK, bridge);
        HostCommand.check(List.of("ip", "link", "add", bridge, "type", "bridge"));
        HostCommand.check(List.of("ip", "addr", "add", block.gateway() + "/24", "dev", bridge));
        for (int i = 1; i <= nodes; i++) {
            // Secondary addresses: the proxy dials node j from node i's proxy address.
            HostCommand.check(List.of("ip", "addr", "add", block.proxy(i) + "/24", "dev", bridge));
        }
        HostCommand.check(List.of("ip", "link", "set", bridge, "up"));
        for (int i = 1; i <= nodes; i++) {
            String ns = netnsName(runId, i);
            String veth = "flv-" + tag + "-" + i;
            state.add(RunState.NETNS, ns);
            HostCommand.check(List.of("ip", "netns", "add", ns));
            state.add(RunState.LINK, veth);
            HostCommand.check(List.of("ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns));
            HostCommand.check(List.of("ip", "link", "set", veth, "master", bridge, "up"));
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

    String bridge() {
        return bridge;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public String whyMissing(Capability capability) {
        return "";
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
