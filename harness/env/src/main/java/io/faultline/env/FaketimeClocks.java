package io.faultline.env;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-node clock offsets through libfaketime offset files, for every environment whose nodes are
 * {@link FaketimeNode}s (namespaces, loopback, containers): all of them share the host's kernel
 * clock, so libfaketime is the only per-node clock there is. The offset is written by the node (on this host, or on its remote host) and
 * read back from the node by a fresh process, so it is verified, not assumed.
 */
public final class FaketimeClocks implements ClockControl {
    private final Map<String, FaketimeNode> nodes = new ConcurrentHashMap<>();
    private final Map<String, Long> offsets = new ConcurrentHashMap<>();

    public FaketimeClocks(List<? extends FaketimeNode> nodes) {
        for (FaketimeNode n : nodes) {
            this.nodes.put(n.name(), n);
            offsets.put(n.name(), 0L);
            n.writeOffset(0);
        }
    }

    @Override
    public void setOffsetMillis(Node node, long offsetMillis) {
        FaketimeNode n = own(node);
        n.writeOffset(offsetMillis);
        offsets.put(n.name(), offsetMillis);
    }

    @Override
    public long offsetMillis(Node node) {
        return offsets.get(own(node).name());
    }

    @Override
    public void reset() {
        nodes.values().forEach(n -> setOffsetMillis(n, 0));
    }

    @Override
    public long observedMillis(Node node) {
        FaketimeNode n = own(node);
        try {
            ExecResult r = n.execUnderFaketime(List.of("date", "+%s%3N"));
            if (!r.ok()) {
                throw new EnvironmentException("reading the clock of " + n.name() + " failed: " + r.stderr().strip());
            }
            return Long.parseLong(r.stdout().strip());
        } catch (IOException | NumberFormatException e) {
            throw new EnvironmentException("reading the clock of " + n.name() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("interrupted reading the clock of " + n.name(), e);
        }
    }

    @Override
    public Optional<String> whyIgnored(Node node) {
        return own(node).whyClockIgnored();
    }

    private FaketimeNode own(Node node) {
        FaketimeNode n = nodes.get(node.name());
        if (n == null || n != node) {
            throw new IllegalArgumentException("node " + node + " is not a node of this environment");
        }
        return n;
    }
}
