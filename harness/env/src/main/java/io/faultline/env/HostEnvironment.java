package io.faultline.env;

import io.faultline.env.proxy.ProxyLinks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Nodes on this host, on either kind of {@link NodeNetwork}: the fault proxy, libfaketime clocks,
 * the state file and the shutdown hook are the same for both. Closing kills every node process
 * (and waits), then removes the network, then the state file.
 */
final class HostEnvironment extends EnvironmentBase<HostNode> {
    private final NodeNetwork network;
    private final RunState state;
    private final Optional<ProxyLinks> proxies;
    private final Optional<FaketimeClocks> clocks;

    private HostEnvironment(EnvironmentSpec spec, NodeNetwork network, RunState state, List<HostNode> nodes,
                            Missing missing) {
        super("faultline-env-cleanup-" + state.runId(), nodes, missing);
        this.network = network;
        this.state = state;
        this.proxies = spec.faultProxy() ? Optional.of(new ProxyLinks(n -> own(n).proxyAddress())) : Optional.empty();
        // Asked for and libfaketime found: every node runs under it.
        this.clocks = whyMissing(Capability.CLOCK).isEmpty() ? Optional.of(new FaketimeClocks(this.nodes)) : Optional.empty();
        armShutdownHook();
    }

    static HostEnvironment create(EnvironmentSpec spec, NodeNetwork network, RunState state) {
        Optional<Path> faketime = spec.clockFaults() ? Faketime.library() : Optional.empty();
        Missing missing = network.missing();
        if (!spec.faultProxy()) {
            missing = missing.notAsked(Capability.PACKET_DELAY, "the fault proxy was not asked for when the environment was created");
        }
        if (!spec.clockFaults()) {
            missing = missing.notAsked(Capability.CLOCK, Missing.CLOCK_NOT_ASKED);
        } else if (faketime.isEmpty()) {
            missing = missing.without(Capability.CLOCK, "libfaketime is not installed (apt-get install -y faketime)");
        }
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
        return new HostEnvironment(spec, network, state, list, missing);
    }

    @Override
    public String name() {
        return network.kind();
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
        sb.append(unavailable());
        return sb.toString();
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
}
