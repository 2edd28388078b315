package io.faultline.raftstore.net;

import io.faultline.raftstore.raft.Message;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Persistent TCP links between peers, one outbound connection per peer, carrying
 * length-prefixed binary frames. Sending never blocks the node loop: when a link is connected
 * and idle, the loop writes the frame to the non-blocking socket itself, which saves a thread
 * hand-off on both sides of every replication round trip; whatever the socket does not take at
 * once (a slow or paused peer) goes to the link's bounded queue, which the link's own thread
 * drains as the socket becomes writable. So what a peer has not read is bounded by the kernel's
 * socket buffer plus that queue. On a broken link messages are dropped, which Raft tolerates,
 * and the link thread re-dials. Link and reader threads are platform threads on purpose: a
 * virtual thread blocked on a socket is woken by the poller thread and then scheduled on a
 * carrier (two wake-ups instead of one), which measured as a large share of put latency at low
 * concurrency on a loaded 2-core machine.
 */
public final class PeerTransport implements AutoCloseable {
    /** Where received messages go, on the connection's reader thread. */
    public interface Receiver {
        void message(Message m);

        /**
         * The connection has no further frame waiting, neither buffered nor in the socket: the
         * moment to act on what arrived. Frames a peer sent in one burst (pipelined appends) are
         * all handed over before it, so they can share one fsync.
         */
        default void drained() { }
    }

    private static final int MAX_FRAME = 256 << 20;
    private static final int QUEUE_LIMIT = 20_000;
    /** How much the link thread encodes before it writes; bounds how long it holds the link's lock. */
    private static final int BATCH_BYTES = 256 << 10;

    private final String id;
    private final String clientAddr;
    private final Function<String, HostPort> dialAddress;
    private final Receiver inbox;
    private final Consumer<String> log;
    private final Map<String, String> clientAddrs = new ConcurrentHashMap<>();
    private final Map<String, Link> links = new ConcurrentHashMap<>();
    private final java.util.Set<Socket> inbound = ConcurrentHashMap.newKeySet();
    private final ServerSocket server;
    private volatile boolean closed;

    public PeerTransport(String id, HostPort listen, String clientAddr, Function<String, HostPort> dialAddress,
                         Receiver inbox, Consumer<String> log) throws IOException {
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

    /** Sends or queues a message; never blocks on the network. */
    public void send(Message m) {
        if (closed) return;
        links.computeIfAbsent(m.to(), Link::new).send(m);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                inbound.add(s);
                if (closed) s.close();
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
                    case MessageCodec.MessageFrame f -> {
                        inbox.message(f.message());
                        if (in.available() == 0) inbox.drained();
                    }
                }
            }
        } catch (IOException e) {
            // peer went away; it will dial again
        } finally {
            inbound.remove(s);
        }
    }

    private final class Link {
        final String peer;
        private final ReentrantLock lock = new ReentrantLock();
        /**
         * The link thread waits here for: work queued by the loop ({@link Selector#wakeup}), the
         * socket becoming writable, or the socket becoming readable, which on a connection the
         * peer never writes to means the peer closed it (crash, restart): the link is re-dialed
         * at once, so the next message (typically a vote request, as followers send each other
         * nothing until an election) is not lost into a dead connection.
         */
        private final Selector selector;
        // Guarded by lock. Frames leave in the order they were sent: the loop writes directly
        // only when nothing is queued and no partly written frame is waiting in out.
        private SocketChannel channel; // null while dialing
        private ByteBuffer out = ByteBuffer.allocateDirect(64 << 10); // write mode: [0, position) not yet written
        private final ArrayDeque<Message> queue = new ArrayDeque<>();
        private final ReusableBuffer scratch = new ReusableBuffer();
        private String dropReason;

        Link(String peer) {
            this.peer = peer;
            try {
                this.selector = Selector.open();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot open a selector for the link to " + peer, e);
            }
            Thread.ofPlatform().daemon().name("peer-out-" + peer).start(this::run);
        }

        void send(Message m) {
            boolean wake = false;
            lock.lock();
            try {
                if (channel != null && queue.isEmpty() && out.position() == 0) {
                    out = MessageCodec.append(out, m, scratch);
                    flush();
                    wake = out.position() > 0; // the socket is full: the link thread waits until it drains
                } else if (queue.size() < QUEUE_LIMIT) {
                    queue.add(m);
                    wake = true;
                }
            } finally {
                lock.unlock();
            }
            if (wake) selector.wakeup();
        }

        /** Under the lock: writes what the socket takes now, without blocking. */
        private void flush() {
            out.flip();
            IOException failure = null;
            try {
                while (out.hasRemaining() && channel.write(out) > 0) {
                    // the socket took some; offer it the rest
                }
            } catch (IOException e) {
                failure = e;
            }
            out.compact();
            if (failure != null) drop(failure.getMessage());
        }

        /** Under the lock: forgets the connection and everything not yet sent (stale once re-dialed; Raft retransmits). */
        private void drop(String reason) {
            Closing.quietly(channel);
            channel = null;
            queue.clear();
            out.clear();
            dropReason = reason;
            selector.wakeup();
        }

        private void run() {
            boolean announcedDown = false;
            try (selector) {
                while (!closed) {
                    HostPort addr = dialAddress.apply(peer);
                    if (addr == null) {
                        clearQueue();
                        sleep(200);
                        continue;
                    }
                    SocketChannel ch = null;
                    try {
                        ch = SocketChannel.open();
                        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                        ch.socket().connect(new InetSocketAddress(addr.host(), addr.port()), 1000);
                        ByteBuffer hello = MessageCodec.hello(id, clientAddr);
                        while (hello.hasRemaining()) ch.write(hello);
                        ch.configureBlocking(false);
                    } catch (IOException e) {
                        Closing.quietly(ch);
                        if (!announcedDown) log.accept("link to " + peer + " at " + addr + " down: " + e.getMessage());
                        announcedDown = true;
                        clearQueue();
                        sleep(100);
                        continue;
                    }
                    if (announcedDown) log.accept("link to " + peer + " at " + addr + " up");
                    announcedDown = false;
                    SelectionKey key = ch.register(selector, SelectionKey.OP_READ);
                    lock.lock();
                    try {
                        out.clear();
                        dropReason = null;
                        channel = ch;
                    } finally {
                        lock.unlock();
                    }
                    String reason = serve(ch, key);
                    key.cancel();
                    selector.selectNow(); // deregisters the cancelled key
                    if (closed) return;
                    log.accept("link to " + peer + " at " + addr + " down: " + reason);
                    announcedDown = true;
                    sleep(100);
                }
            } catch (IOException e) {
                log.accept("link to " + peer + ": selector failed: " + e.getMessage());
            }
        }

        /** Drains the queue into the connected channel until the link is dropped; returns why. */
        private String serve(SocketChannel ch, SelectionKey key) throws IOException {
            ByteBuffer probe = ByteBuffer.allocate(64);
            while (true) {
                boolean full;
                lock.lock();
                try {
                    if (closed) {
                        drop("transport closed");
                        return dropReason;
                    }
                    if (channel != ch) return dropReason;
                    while (!queue.isEmpty() && out.position() < BATCH_BYTES) {
                        out = MessageCodec.append(out, queue.poll(), scratch);
                    }
                    if (out.position() > 0) flush();
                    if (channel != ch) return dropReason;
                    full = out.position() > 0;
                    if (!full && !queue.isEmpty()) continue; // more than one batch was queued
                } finally {
                    lock.unlock();
                }
                // A paused peer leaves us here with a full socket while the queue fills up to its
                // bound and the node loop carries on.
                key.interestOps(SelectionKey.OP_READ | (full ? SelectionKey.OP_WRITE : 0));
                selector.select(500);
                if (key.isValid() && key.isReadable()) {
                    String closedBy = null;
                    try {
                        probe.clear();
                        if (ch.read(probe) < 0) closedBy = "closed by the peer";
                    } catch (IOException e) {
                        closedBy = e.getMessage();
                    }
                    if (closedBy != null) {
                        lock.lock();
                        try {
                            if (channel == ch) drop(closedBy);
                            return dropReason;
                        } finally {
                            lock.unlock();
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        }

        private void clearQueue() {
            lock.lock();
            try {
                queue.clear();
            } finally {
                lock.unlock();
            }
        }

        void close() {
            lock.lock();
            try {
                if (channel != null) drop("transport closed");
            } finally {
                lock.unlock();
            }
            selector.wakeup();
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
        Closing.quietly(server);
        for (Link l : links.values()) l.close();
        // the dialing side sees the close, as it would if this process died
        for (Socket s : inbound) Closing.quietly(s);
    }
}
