package io.faultline.env.proxy;

import io.faultline.env.EnvironmentException;
import io.faultline.env.LinkControl;
import io.faultline.env.Node;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The fault proxies of one environment, one per directed peer link, created when the store asks
 * for a peer address, and the link faults they apply.
 */
public final class ProxyLinks implements LinkControl, AutoCloseable {
    private final Function<Node, String> proxyHost;
    private final Map<String, FaultProxy> proxies = new ConcurrentHashMap<>();
    private final Map<String, LinkState> links = new ConcurrentHashMap<>();

    /** @param proxyHost the host-side address that stands for a node on the proxy's side */
    public ProxyLinks(Function<Node, String> proxyHost) {
        this.proxyHost = proxyHost;
    }

    /**
     * The address {@code from} dials to reach {@code to}'s peer port through the proxy, starting
     * the proxy for this link on first use.
     */
    public String route(Node from, Node to, int peerPort) {
        String key = from.name() + ">" + to.name() + ":" + peerPort;
        return proxies.computeIfAbsent(key, k -> {
            try {
                return new FaultProxy(InetAddress.getByName(proxyHost.apply(to)),
                        new InetSocketAddress(InetAddress.getByName(to.host()), peerPort),
                        InetAddress.getByName(proxyHost.apply(from)),
                        link(from, to), link(to, from), k);
            } catch (IOException e) {
                throw new EnvironmentException("cannot start the fault proxy for " + from.name() + " -> " + to.name()
                        + " on " + proxyHost.apply(to) + ": " + e.getMessage(), e);
            }
        }).listenAddress();
    }

    /** Bytes forwarded toward {@code to} on the link from {@code from}, over every peer port. */
    public long forwardedBytes(Node from, Node to) {
        String prefix = from.name() + ">" + to.name() + ":";
        return proxies.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(e -> e.getValue().forwardedBytes()).sum();
    }

    @Override
    public void delay(Node from, Node to, Duration delay, Duration jitter) {
        if (delay.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("delay and jitter must not be negative: " + delay + ", " + jitter);
        }
        link(from, to).delay(delay.toNanos(), jitter.toNanos());
    }

    @Override
    public void stall(Node from, Node to) {
        link(from, to).stall();
    }

    @Override
    public Observed observed(Node from, Node to) {
        return link(from, to).observed();
    }

    @Override
    public void heal() {
        links.values().forEach(LinkState::heal);
    }

    /** Whether any link has a delay or stall in force. */
    public boolean faulty() {
        return links.values().stream().anyMatch(LinkState::faulty);
    }

    private LinkState link(Node from, Node to) {
        return links.computeIfAbsent(from.name() + ">" + to.name(), k -> new LinkState());
    }

    @Override
    public void close() {
        heal();
        proxies.values().forEach(FaultProxy::close);
        proxies.clear();
    }
}
