package io.faultline.raftstore.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Free loopback ports for local clusters (tests and benchmarks). */
public final class LoopbackPorts {
    private LoopbackPorts() { }

    /**
     * {@code n} distinct free ports below Linux's ephemeral range (32768-60999 by default). A port
     * the kernel handed out with {@code new ServerSocket(0)} comes from that range, and between our
     * probe and the node's bind any outgoing connection — a peer dialling a node that is not up
     * yet — may take it as its source port: the node then dies with "Address already in use".
     */
    public static List<Integer> pick(int n) throws IOException {
        var random = new Random();
        var ports = new ArrayList<Integer>(n);
        for (int attempt = 0; ports.size() < n; attempt++) {
            if (attempt >= 200 * n) throw new IOException("only " + ports.size() + " of " + n + " free ports in 20000-31999");
            int port = 20_000 + random.nextInt(12_000);
            if (ports.contains(port)) continue;
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress("127.0.0.1", port));
                ports.add(port);
            } catch (IOException inUse) {
                // taken: try another
            }
        }
        return ports;
    }
}
