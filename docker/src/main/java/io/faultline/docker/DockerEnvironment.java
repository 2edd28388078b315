package io.faultline.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Volume;
import io.faultline.env.Capability;
import io.faultline.env.ClockControl;
import io.faultline.env.EnvironmentBase;
import io.faultline.env.EnvironmentException;
import io.faultline.env.ExecResult;
import io.faultline.env.FaketimeClocks;
import io.faultline.env.LinkControl;
import io.faultline.env.Missing;
import io.faultline.env.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * {@code --env docker}: one container per node on a network of its own ({@code faultline-<run>}),
 * started through Testcontainers from a local image (never pulled), with NET_ADMIN so iptables
 * works inside, all labelled {@code faultline=<run>}. Node processes run inside with
 * {@code docker exec}; the harness reaches them on their bridge addresses. Peer links go through
 * the fault proxy on the run's bridge when asked ({@link BridgeProxy}). Closing stops the proxy,
 * then removes the containers and the network by label, and so does a shutdown hook if the run
 * dies first.
 */
public final class DockerEnvironment extends EnvironmentBase<DockerNode> {
    private static final String PROXY_NOT_ASKED = "the fault proxy was not asked for when the environment was created";
    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    private final DockerSpec spec;
    private final DockerClient client;
    private final String network;
    private final String subnet;
    private final Optional<FaketimeClocks> clocks;
    private final Optional<BridgeProxy> proxy;

    private DockerEnvironment(DockerSpec spec, DockerClient client, String network, String subnet, List<DockerNode> nodes,
                              Optional<FaketimeClocks> clocks, Missing missing, Optional<BridgeProxy> proxy) {
        super("faultline-docker-cleanup-" + spec.runId(), nodes, missing);
        this.spec = spec;
        this.client = client;
        this.network = network;
        this.subnet = subnet;
        this.clocks = clocks;
        this.proxy = proxy;
        armShutdownHook();
    }

    /** The containers' network name for a run. */
    public static String networkName(String runId) {
        return "faultline-" + runId;
    }

    public static String containerName(String runId, String node) {
        return "faultline-" + runId + "-" + node;
    }

    /**
     * Creates the network and starts every container; on any failure removes what was made and
     * throws with what to do (build the image, start dockerd, set the Testcontainers variables).
     */
    public static DockerEnvironment create(DockerSpec spec) {
        DockerEngine engine = DockerEngine.connect();
        DockerClient client = engine.client();
        DockerImages.requirePresent(client, spec.image());
        Map<String, String> labels = Map.of(DockerCleanup.LABEL, spec.runId());
        String network = networkName(spec.runId());
        if (!DockerCleanup.find(client, Optional.of(spec.runId())).isEmpty()) {
            throw new EnvironmentException("containers or networks labelled " + DockerCleanup.LABEL + "=" + spec.runId()
                    + " already exist (another run with this id, or leftovers): run './faultline cleanup'");
        }
        try {
            client.createNetworkCmd().withName(network).withDriver("bridge").withLabels(labels).exec();
            List<DockerNode> nodes = new ArrayList<>();
            for (int i = 1; i <= spec.nodes(); i++) {
                nodes.add(startNode(client, spec, "n" + i, network, labels));
            }
            var ipam = client.inspectNetworkCmd().withNetworkId(network).exec().getIpam().getConfig().stream()
                    .filter(c -> c.getSubnet() != null && !c.getSubnet().contains(":")).findFirst();
            String subnet = ipam.map(c -> c.getSubnet()).orElse("?");
            String gateway = ipam.map(c -> c.getGateway()).orElse("?");
            Optional<FaketimeClocks> clocks = Optional.empty();
            Missing missing = Missing.NONE;
            if (!spec.clockFaults()) {
                missing = missing.notAsked(Capability.CLOCK, Missing.CLOCK_NOT_ASKED);
            } else if (nodes.stream().allMatch(DockerNode::underFaketime)) {
                clocks = Optional.of(new FaketimeClocks(nodes));
            } else {
                missing = missing.without(Capability.CLOCK, "the image " + spec.image() + " has no libfaketime (rebuild it with "
                        + DockerImages.BUILD_COMMAND + ")");
            }
            Optional<BridgeProxy> proxy = Optional.empty();
            if (!spec.faultProxy()) {
                missing = missing.notAsked(Capability.PACKET_DELAY, PROXY_NOT_ASKED);
            } else {
                BridgeProxy.Attempt attempt = BridgeProxy.start(subnet, gateway, nodes);
                proxy = attempt.proxy();
                if (proxy.isEmpty()) {
                    missing = missing.without(Capability.PACKET_DELAY, attempt.whyNot());
                }
            }
            return new DockerEnvironment(spec, client, network, subnet, nodes, clocks, missing, proxy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            removeQuietly(client, spec.runId(), e);
            throw new EnvironmentException("interrupted while starting the docker environment", e);
        } catch (RuntimeException e) {
            removeQuietly(client, spec.runId(), e);
            throw e instanceof EnvironmentException ? e
                    : new EnvironmentException("starting the docker environment failed: " + e.getMessage(), e);
        }
    }

    private static void removeQuietly(DockerClient client, String runId, Exception cause) {
        try {
            DockerCleanup.remove(client, Optional.of(runId));
        } catch (RuntimeException cleanup) {
            cause.addSuppressed(cleanup);
        }
    }

    private static DockerNode startNode(DockerClient client, DockerSpec spec, String name, String network,
                                        Map<String, String> labels) {
        Path dir = spec.runDir().resolve("nodes").resolve(name).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new EnvironmentException("cannot create node folder " + dir + ": " + e.getMessage(), e);
        }
        String containerName = containerName(spec.runId(), name);
        List<Bind> binds = new ArrayList<>();
        for (Path ro : spec.readOnly()) {
            binds.add(new Bind(ro.toString(), new Volume(ro.toString()), AccessMode.ro));
        }
        binds.add(new Bind(dir.toString(), new Volume(dir.toString()), AccessMode.rw));
        @SuppressWarnings("resource") // removed by label in close(), not by Testcontainers
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(spec.image()))
                .withImagePullPolicy(image -> false)
                .withNetworkMode(network)
                .withLabels(labels)
                .withCommand("sleep", "infinity")
                .withStartupTimeout(START_LIMIT)
                // Binds go straight into the host config: Testcontainers' own withFileSystemBind first
                // probes file mounting by starting a tiny image it would have to pull.
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withName(containerName).withHostName(name);
                    cmd.getHostConfig().withCapAdd(com.github.dockerjava.api.model.Capability.NET_ADMIN).withBinds(binds);
                });
        c.start();
        InspectContainerResponse info = c.getContainerInfo();
        ContainerNetwork net = info.getNetworkSettings().getNetworks().get(network);
        if (net == null || net.getIpAddress() == null || net.getIpAddress().isEmpty()) {
            throw new EnvironmentException("container " + containerName + " has no address on network " + network);
        }
        ContainerExec exec = new ContainerExec(client, info.getId());
        Optional<String> faketime = spec.clockFaults() ? findFaketime(exec) : Optional.empty();
        List<Path> mounted = new ArrayList<>(spec.readOnly());
        mounted.add(dir);
        return new DockerNode(name, net.getIpAddress(), dir, exec, mounted, faketime);
    }

    private static Optional<String> findFaketime(ContainerExec exec) {
        try {
            ExecResult r = exec.run(List.of("sh", "-c",
                    "ls /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1 2>/dev/null | head -1"),
                    List.of(), Duration.ofSeconds(10));
            String lib = r.stdout().strip();
            return lib.isEmpty() ? Optional.empty() : Optional.of(lib);
        } catch (IOException e) {
            throw new EnvironmentException("cannot look for libfaketime in container " + exec.shortId() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("interrupted", e);
        }
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public String description() {
        StringBuilder sb = new StringBuilder("docker environment, ").append(nodes.size()).append(" containers of ")
                .append(spec.image()).append(" on network ").append(network).append(" (").append(subnet)
                .append("), labelled ").append(DockerCleanup.LABEL).append('=').append(spec.runId())
                .append("; Testcontainers without Ryuk, containers removed by label");
        proxy.ifPresent(p -> sb.append("; peer links through the fault proxy on ").append(p.bridge()));
        sb.append(unavailable());
        return sb.toString();
    }

    @Override
    public List<String> addressesOf(Node node) {
        DockerNode n = own(node);
        return proxy.map(p -> List.of(n.host(), p.address(n))).orElse(List.of(n.host()));
    }

    @Override
    public String peerAddress(Node from, Node to, int peerPort) {
        own(from);
        own(to);
        return proxy.map(p -> p.links().route(from, to, peerPort)).orElse(to.host() + ":" + peerPort);
    }

    @Override
    public Optional<LinkControl> links() {
        return proxy.map(BridgeProxy::links);
    }

    /** The proxies themselves, for tests (bytes forwarded per link). */
    public Optional<io.faultline.env.proxy.ProxyLinks> proxyLinks() {
        return proxy.map(BridgeProxy::links);
    }

    @Override
    public Optional<ClockControl> clocks() {
        return clocks.map(c -> c);
    }

    /** The container id of a node, for tests and logs. */
    public String containerId(Node node) {
        return own(node).containerId();
    }

    /** Removing a container kills whatever still runs in it, so no process outlives this. */
    @Override
    protected void teardown() {
        RuntimeException proxyError = null;
        try {
            // Proxies first: their connections would otherwise see the containers vanish mid-stream.
            proxy.ifPresent(BridgeProxy::close);
        } catch (RuntimeException e) {
            proxyError = e;
        }
        try {
            DockerCleanup.remove(client, Optional.of(spec.runId()));
        } catch (RuntimeException e) {
            EnvironmentException failed = new EnvironmentException("teardown of docker run '" + spec.runId()
                    + "' left resources behind (" + e.getMessage() + "); run './faultline cleanup'", e);
            if (proxyError != null) {
                failed.addSuppressed(proxyError);
            }
            throw failed;
        }
        // A proxy address that could not be removed went with the bridge when the network was removed.
    }
}
