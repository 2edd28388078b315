package io.faultline.raftstore.net;

import io.faultline.raftstore.raft.Message;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Persistent TCP links between peers, one outbound connection per peer, carrying
 * length-prefixed binary frames. Sending never blocks the node loop: each peer has a bounded
 * queue drained by its own thread; on a broken link messages are dropped, which Raft
 * tolerates, and the link is re-dialed. The link threads are platform threads on purpose: a
 * put crosses these links twice, and a virtual thread blocked on a socket is woken by the
 * poller thread and then scheduled on a carrier (two wake-ups instead of one), which measured
 * as a large share of put latency at low concurrency on a loaded 2-core machine.
 */
public final class PeerTransport implements AutoCloseable {
    private static final int MAX_FRAME = 256 << 20;
    private static final int QUEUE_LIMIT = 20_000;

    private final String id;
    private final String clientAddr;
    private final Function<String, HostPort> dialAddress;
    private final Consumer<Message> inbox;
    private final Consumer<String> log;
    private final Map<String, String> clientAddrs = new ConcurrentHashMap<>();
    private final Map<String, Link> links = new ConcurrentHashMap<>();
    private final ServerSocket server;
    private volatile boolean closed;

    public PeerTransport(String id, HostPort listen, String clientAddr, Function<String, HostPort> dialAddress,
                         Consumer<Message> inbox, Consumer<String> log) throws IOException {
        this.id = id;
        this.clientAddr = clientAddr;
        this.dialAddress = dialAddress;
        this.inbox = inbox;
        this.log = log;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(listen.host(), listen.port()));
        Thread.ofPlatform().daemon().name("peer-accept").start(this::acceptLoop);
    }

    /** The client address a peer announced in its hello, or null. */
    public String clientAddressOf(String peer) {
        return clientAddrs.get(peer);
    }

    public void send(Message m) {
        Link l = links.computeIfAbsent(m.to(), Link::new);
        if (l.queue.size() < QUEUE_LIMIT) l.queue.offer(m);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread.ofPlatform().daemon().name("peer-in").start(() -> readLoop(s));
            } catch (IOException e) {
                if (!closed) log.accept("peer accept failed: " + e.getMessage());
            }
        }
    }

    private void readLoop(Socket s) {
        try (s; var in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 64 * 1024))) {
            while (!closed) {
                switch (MessageCodec.read(in, MAX_FRAME)) {
                    case MessageCodec.Hello h -> {
                        if (h.clientAddr() != null) clientAddrs.put(h.id(), h.clientAddr());
                    }
                    case MessageCodec.MessageFrame f -> inbox.accept(f.message());
                }
            }
        } catch (IOException e) {
            // peer went away; it will dial again
        }
    }

    private final class Link {
        final String peer;
        final LinkedBlockingQueue<Message> queue = new LinkedBlockingQueue<>();

        Link(String peer) {
            this.peer = peer;
            Thread.ofPlatform().daemon().name("peer-out-" + peer).start(this::run);
        }

        private void run() {
            var scratch = new ReusableBuffer();
            var batch = new ArrayList<Message>();
            boolean announcedDown = false;
            while (!closed) {
                HostPort addr = dialAddress.apply(peer);
                if (addr == null) {
                    sleep(200);
                    queue.clear();
                    continue;
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(addr.host(), addr.port()), 1000);
                    s.setTcpNoDelay(true);
                    var out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 64 * 1024));
                    MessageCodec.writeHello(out, id, clientAddr);
                    out.flush();
                    if (announcedDown) log.accept("link to " + peer + " at " + addr + " up");
                    announcedDown = false;
                    while (!closed) {
                        Message first = queue.poll(500, TimeUnit.MILLISECONDS);
                        if (first == null) continue;
                        MessageCodec.write(out, first, scratch);
                        batch.clear();
                        queue.drainTo(batch, 1024);
                        for (Message m : batch) MessageCodec.write(out, m, scratch);
                        out.flush();
                    }
                } catch (IOException e) {
                    if (!announcedDown) log.accept("link to " + peer + " at " + addr + " down: " + e.getMessage());
                    announcedDown = true;
                    queue.clear(); // stale by the time the link is back; Raft retransmits
                    sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
