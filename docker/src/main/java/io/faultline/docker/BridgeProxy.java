package io.faultline.docker;

import io.faultline.env.EnvironmentException;
import io.faultline.env.EnvironmentSpec;
import io.faultline.env.ExecResult;
import io.faultline.env.HostCommand;
import io.faultline.env.Node;
import io.faultline.env.proxy.ProxyLinks;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fault proxy for containers: the same {@link ProxyLinks} the local environment uses, running
 * in this JVM, listening on one address per node that is added to the host side of the run's own
 * bridge ({@code br-...} of network {@code faultline-<run>}). Containers reach those addresses
 * directly (they are on their subnet), and the proxy dials the target container from the sender's
 * proxy address, so iptables rules inside a container that drop a sender's two addresses cut its
 * direct and proxied traffic alike, exactly as in the local environment.
 *
 * <p>Proxy addresses sit at the top of the subnet ({@code .205-.254} of its last /24), far from
 * the low addresses Docker hands to containers. Removing the network removes the bridge and the
 * addresses with it, so a crashed run leaves nothing that {@code cleanup}'s removal by label misses.
 */
final class BridgeProxy implements AutoCloseable {
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(10);
    private static final int PROBE_TIMEOUT_MS = 3_000;

    private final String bridge;
    private final int prefix;
    private final Map<String, String> addresses;
    private final ProxyLinks links;

    private BridgeProxy(String bridge, int prefix, Map<String, String> addresses) {
        this.bridge = bridge;
        this.prefix = prefix;
        this.addresses = Map.copyOf(addresses);
        this.links = new ProxyLinks(n -> address(n));
    }

    /** Either a working proxy or why there is none (for {@code whyMissing(PACKET_DELAY)}). */
    record Attempt(Optional<BridgeProxy> proxy, String whyNot) {
        static Attempt failed(String why) {
            return new Attempt(Optional.empty(), why);
        }
    }

    /**
     * Adds the proxy addresses to the bridge that carries {@code gateway} and checks that a
     * container reaches them (a host firewall dropping container-to-host traffic would otherwise
     * turn every proxied peer link into a silent partition).
     */
    static Attempt start(String subnet, String gateway, List<DockerNode> nodes) throws InterruptedException {
        Optional<Subnet> net = Subnet.parse(subnet);
        if (net.isEmpty()) {
            return Attempt.failed("the run's network has no IPv4 subnet the proxy can use (got '" + subnet + "')");
        }
        if (net.get().prefix() > 24) {
            return Attempt.failed("the run's network " + subnet + " is smaller than a /24, too small for proxy addresses "
                    + "beside the containers");
        }
        Optional<String> bridge;
        try {
            bridge = bridgeCarrying(gateway);
        } catch (IOException e) {
            return Attempt.failed("cannot list the host's addresses with 'ip' (" + e.getMessage()
                    + "); install iproute2: apt-get install -y iproute2");
        }
        if (bridge.isEmpty()) {
            return Attempt.failed("no host interface carries the network's gateway " + gateway
                    + " (is the Docker engine on another host?), so the proxy cannot sit on the containers' bridge");
        }
        Map<String, String> addresses = new HashMap<>();
        List<String> containerIps = nodes.stream().map(DockerNode::host).toList();
        for (int i = 1; i <= nodes.size(); i++) {
            String a = net.get().proxyAddress(i);
            if (containerIps.contains(a)) {
                return Attempt.failed("proxy address " + a + " is already a container's address on " + subnet);
            }
            addresses.put(nodes.get(i - 1).name(), a);
        }
        BridgeProxy proxy = new BridgeProxy(bridge.get(), net.get().prefix(), addresses);
        try {
            for (DockerNode n : nodes) {
                String a = addresses.get(n.name());
                ExecResult r = HostCommand.run(List.of("ip", "addr", "add", a + "/" + net.get().prefix(), "dev", bridge.get()),
                        Map.of(), COMMAND_LIMIT);
                if (!r.ok()) {
                    proxy.close();
                    return Attempt.failed("adding the proxy address " + a + " to bridge " + bridge.get() + " failed ("
                            + r.stderr().strip() + "); it needs root: sudo ./faultline run ...");
                }
            }
            Optional<String> blocked = probe(nodes.get(0), addresses.get(nodes.get(0).name()));
            if (blocked.isPresent()) {
                proxy.close();
                return Attempt.failed(blocked.get());
            }
            return new Attempt(Optional.of(proxy), "");
        } catch (IOException e) {
            proxy.close();
            return Attempt.failed("cannot run 'ip addr add' for the proxy addresses: " + e.getMessage());
        } catch (RuntimeException | InterruptedException e) {
            proxy.close();
            throw e;
        }
    }

    /** The links, for {@code Environment.links()} and {@code peerAddress}. */
    ProxyLinks links() {
        return links;
    }

    /** The host-side address that stands for {@code node} on proxied links. */
    String address(Node node) {
        String a = addresses.get(node.name());
        if (a == null) {
            throw new IllegalArgumentException("node " + node.name() + " has no proxy address");
        }
        return a;
    }

    String bridge() {
        return bridge;
    }

    /**
     * Measured, not assumed: Docker adds no INPUT rules, but a host firewall (ufw, firewalld)
     * often drops what containers send to the host. One container opens a TCP connection to a
     * listener on a proxy address; the listener must see the container's own address.
     */
    private static Optional<String> probe(DockerNode from, String address) throws IOException, InterruptedException {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            listener.setSoTimeout(PROBE_TIMEOUT_MS + 2_000);
            String target = address + "/" + listener.getLocalPort();
            Thread dial = Thread.ofVirtual().start(() -> {
                try {
                    from.execPlain(List.of("timeout", Integer.toString(PROBE_TIMEOUT_MS / 1000), "bash", "-c",
                            "exec 3<>/dev/tcp/" + target));
                } catch (IOException e) {
                    // The accept below times out and says what failed.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try (Socket s = listener.accept()) {
                String seen = s.getInetAddress().getHostAddress();
                if (!seen.equals(from.host())) {
                    return Optional.of("a container's connection to the proxy address " + address + " arrived from " + seen
                            + " instead of " + from.host() + " (NAT on the bridge?), so partitions could not tell senders apart");
                }
                return Optional.empty();
            } catch (SocketTimeoutException e) {
                return Optional.of("container " + from.name() + " (" + from.host() + ") cannot open a TCP connection to the "
                        + "proxy address " + address + " on the host: a host firewall drops container-to-host traffic; "
                        + "allow it with: iptables -I INPUT -i " + bridgeOf(address) + " -j ACCEPT");
            } finally {
                dial.join(Duration.ofSeconds(PROBE_TIMEOUT_MS / 1000 + 5));
            }
        }
    }

    private static String bridgeOf(String address) {
        try {
            return bridgeCarrying(address).orElse("<the run's bridge>");
        } catch (IOException | InterruptedException e) {
            return "<the run's bridge>";
        }
    }

    /** The host interface one of whose IPv4 addresses is {@code address}. */
    static Optional<String> bridgeCarrying(String address) throws IOException, InterruptedException {
        ExecResult r = HostCommand.run(List.of("ip", "-o", "-4", "addr", "show"), Map.of(), COMMAND_LIMIT);
        if (!r.ok()) {
            throw new IOException("'ip -o -4 addr show' failed: " + r.stderr().strip());
        }
        return interfaceCarrying(r.stdout(), address);
    }

    /** Parses {@code ip -o -4 addr show} ("5: br-9255 inet 172.18.0.1/16 brd ... scope global br-9255"). */
    static Optional<String> interfaceCarrying(String ipOutput, String address) {
        for (String line : ipOutput.split("\n")) {
            String[] f = line.trim().split("\\s+");
            for (int i = 2; i + 1 < f.length; i++) {
                if (f[i].equals("inet") && f[i + 1].startsWith(address + "/")) {
                    return Optional.of(f[1].endsWith(":") ? f[1].substring(0, f[1].length() - 1) : f[1]);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Stops every proxy, then removes the addresses. The bridge may already be gone (the network
     * was removed first, or by cleanup): then its addresses went with it.
     */
    @Override
    public void close() {
        links.close();
        List<String> failed = new ArrayList<>();
        for (String a : addresses.values()) {
            try {
                HostCommand.run(List.of("ip", "addr", "del", a + "/" + prefix, "dev", bridge), Map.of(), COMMAND_LIMIT);
            } catch (IOException e) {
                failed.add(a + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.add(a + ": interrupted");
            }
        }
        if (!failed.isEmpty()) {
            throw new EnvironmentException("cannot remove the proxy addresses from " + bridge + ": " + failed
                    + " (they go with the bridge when the network is removed: ./faultline cleanup)");
        }
    }

    /** An IPv4 subnet and where its proxy addresses go. */
    record Subnet(long base, int prefix) {
        static Optional<Subnet> parse(String cidr) {
            int slash = cidr == null ? -1 : cidr.indexOf('/');
            if (slash < 0 || cidr.contains(":")) {
                return Optional.empty();
            }
            try {
                int prefix = Integer.parseInt(cidr.substring(slash + 1));
                byte[] b = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
                if (b.length != 4 || prefix < 8 || prefix > 30) {
                    return Optional.empty();
                }
                long ip = ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
                long mask = (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
                return Optional.of(new Subnet(ip & mask, prefix));
            } catch (NumberFormatException | UnknownHostException e) {
                return Optional.empty();
            }
        }

        /** Node i (1-based) gets the i-th of the {@link EnvironmentSpec#MAX_NODES} addresses below the broadcast. */
        String proxyAddress(int i) {
            if (i < 1 || i > EnvironmentSpec.MAX_NODES) {
                throw new IllegalArgumentException("node index " + i + ": expected 1 to " + EnvironmentSpec.MAX_NODES);
            }
            long broadcast = base + (1L << (32 - prefix)) - 1;
            long a = broadcast - 1 - EnvironmentSpec.MAX_NODES + i;
            return ((a >> 24) & 0xFF) + "." + ((a >> 16) & 0xFF) + "." + ((a >> 8) & 0xFF) + "." + (a & 0xFF);
        }
    }
}
