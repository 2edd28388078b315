package io.faultline.env;

import io.faultline.env.proxy.ProxyLinks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Nodes on this host, on either kind of {@link NodeNetwork}: the fault proxy, libfaketime clocks,
 * the state file and the shutdown hook are the same for both. Closing kills every node process
 * (and waits), then removes the network, then the state file.
 */
final class HostEnvironment extends ClosedOnce {
    private final NodeNetwork network;
    private final RunState state;
    private final List<HostNode> nodes;
    private final Optional<ProxyLinks> proxies;
    private final Optional<FaketimeClocks> clocks;
    private final String clockMissing;

    HostEnvironment(EnvironmentSpec spec, NodeNetwork network, RunState state) {
        super("faultline-env-cleanup-" + state.runId());
        this.network = network;
        this.state = state;
        Optional<Path> faketime = spec.clockFaults() ? Faketime.library() : Optional.empty();
        this.clockMissing = !spec.clockFaults()
                ? "clock faults were not asked for when the environment was created"
                : faketime.isEmpty() ? "libfaketime is not installed (apt-get install -y faketime)" : "";
        List<HostNode> list = new ArrayList<>();
        for (int i = 1; i <= spec.nodes(); i++) {
            String name = "n" + i;
            Path dir = spec.runDir().resolve("nodes").resolve(name).toAbsolutePath();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new EnvironmentException("cannot create node folder " + dir + ": " + e.getMessage(), e);
            }
            list.add(new HostNode(name, i, network.block().node(i), network.block().proxy(i), dir, network.netns(i),
                    faketime, state));
        }
        this.nodes = List.copyOf(list);
        this.proxies = spec.faultProxy() ? Optional.of(new ProxyLinks(n -> own(n).proxyAddress())) : Optional.empty();
        this.clocks = faketime.isPresent() ? Optional.of(new FaketimeClocks(nodes)) : Optional.empty();
        armShutdownHook();
    }

    @Override
    public String name() {
        return network.kind();
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        caps.addAll(network.capabilities());
        if (proxies.isEmpty()) {
            caps.remove(Capability.PACKET_DELAY);
        }
        if (clocks.isEmpty()) {
            caps.remove(Capability.CLOCK);
        }
        return caps;
    }

    @Override
    public String whyMissing(Capability capability) {
        if (capabilities().contains(capability)) {
            return "";
        }
        return switch (capability) {
            case PACKET_DELAY -> "the fault proxy was not asked for when the environment was created";
            case CLOCK -> clockMissing;
            default -> network.whyMissing(capability);
        };
    }

    @Override
    public String description() {
        StringBuilder sb = new StringBuilder(name()).append(" environment, ").append(nodes.size()).append(" nodes on ")
                .append(network.block());
        if (network instanceof NamespaceNetwork ns) {
            sb.append(" (namespaces ").append(NamespaceNetwork.netnsName(state.runId(), 1)).append("..., hub ")
                    .append(NamespaceNetwork.netnsName(state.runId(), 0)).append(", host link ").append(ns.hostLink())
                    .append(')');
        }
        // Faults the run did not ask for are not news; faults it cannot have are.
        sb.append(unavailable(c -> (c == Capability.PACKET_DELAY && proxies.isEmpty())
                    || (c == Capability.CLOCK && clockMissing.startsWith("clock faults were not asked"))));
        return sb.toString();
    }

    @Override
    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    @Override
    public List<String> addressesOf(Node node) {
        HostNode n = own(node);
        return List.of(n.host(), n.proxyAddress());
    }

    @Override
    public String peerAddress(Node from, Node to, int peerPort) {
        own(from);
        own(to);
        return proxies.map(p -> p.route(from, to, peerPort)).orElse(to.host() + ":" + peerPort);
    }

    @Override
    public Optional<LinkControl> links() {
        return proxies.map(p -> p);
    }

    @Override
    public Optional<ClockControl> clocks() {
        return clocks.map(c -> c);
    }

    /** The proxies themselves, for tests and the run summary (bytes per link). */
    Optional<ProxyLinks> proxyLinks() {
        return proxies;
    }

    Path stateFile() {
        return state.file();
    }

    @Override
    protected void teardown() {
        List<RuntimeException> errors = new ArrayList<>();
        proxies.ifPresent(ProxyLinks::close);
        for (HostNode n : nodes) {
            for (SpawnedProcess p : n.processes()) {
                try {
                    p.kill();
                } catch (RuntimeException e) {
                    errors.add(e);
                }
            }
        }
        try {
            network.killStragglers();
            network.teardown();
        } catch (RuntimeException e) {
            errors.add(e);
        }
        if (errors.isEmpty()) {
            state.delete();
        } else {
            EnvironmentException e = new EnvironmentException("teardown of run '" + state.runId()
                    + "' left resources behind (state file " + state.file() + "); run './faultline cleanup'");
            errors.forEach(e::addSuppressed);
            throw e;
        }
    }

    private HostNode own(Node node) {
        for (HostNode n : nodes) {
            if (n == node) {
                return n;
            }
        }
        throw new IllegalArgumentException("node " + node + " is not a node of this environment");
    }
}
