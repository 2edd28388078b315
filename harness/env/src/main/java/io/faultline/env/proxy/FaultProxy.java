package io.faultline.env.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy for one directed peer link: {@code from} dials the listen address, the proxy dials
 * {@code to}'s peer port from {@code from}'s proxy address. Bytes going toward {@code to} obey the
 * forward link's faults, bytes coming back obey the reverse link's. Because connections into a
 * node come from the sender's own proxy address, iptables rules inside the receiver's namespace
 * that drop the sender's addresses also cut its proxied traffic.
 */
final class FaultProxy implements AutoCloseable {
    private static final int CHUNK = 16 * 1024;
    private static final int QUEUE = 256;
    private static final int CONNECT_TIMEOUT_MS = 2_000;

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final InetAddress dialFrom;
    private final LinkState forward;
    private final LinkState reverse;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong forwardedBytes = new AtomicLong();
    private volatile boolean open = true;

    FaultProxy(InetAddress listenOn, InetSocketAddress upstream, InetAddress dialFrom, LinkState forward,
               LinkState reverse, String label) throws IOException {
        this.server = new ServerSocket();
        this.server.setReuseAddress(true);
        this.server.bind(new InetSocketAddress(listenOn, 0), 64);
        this.upstream = upstream;
        this.dialFrom = dialFrom;
        this.forward = forward;
        this.reverse = reverse;
        Thread.ofVirtual().name("proxy-accept-" + label).start(this::acceptLoop);
    }

    /** The host:port peers dial instead of the real peer port. */
    String listenAddress() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    long forwardedBytes() {
        return forwardedBytes.get();
    }

    private void acceptLoop() {
        while (open) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            Thread.ofVirtual().start(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket up = new Socket();
        sockets.add(client);
        sockets.add(up);
        try {
            client.setTcpNoDelay(true);
            up.setTcpNoDelay(true);
            up.bind(new InetSocketAddress(dialFrom, 0));
            up.connect(upstream, CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            closeBoth(client, up);
            return;
        }
        if (!open) {
            closeBoth(client, up);
            return;
        }
        // Each direction ends on its own (a half-close is passed on as one); when both have, the
        // pair is closed, since no thread is left to notice anything about it.
        AtomicInteger finished = new AtomicInteger();
        Runnable oneDone = () -> {
            if (finished.incrementAndGet() == 2) {
                closeBoth(client, up);
            }
        };
        pump(client, up, forward, true, oneDone);
        pump(up, client, reverse, false, oneDone);
    }

    /**
     * One reader and one writer per direction, joined by a bounded queue (backpressure, not
     * memory). A failure on either socket closes both, so the far side's next write fails as it
     * would on a direct connection whose peer died; only a clean end of stream is passed on as a
     * half-close.
     */
    private void pump(Socket src, Socket dst, LinkState link, boolean counted, Runnable done) {
        BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUE);
        Thread.ofVirtual().start(() -> {
            try {
                // Not closed here: closing a socket's stream closes the socket, and the other
                // direction may still be carrying bytes.
                InputStream in = src.getInputStream();
                byte[] buf = new byte[CHUNK];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    byte[] data = java.util.Arrays.copyOf(buf, n);
                    long now = System.nanoTime();
                    queue.put(new Chunk(data, now, link.releaseAt(now), link.generation()));
                }
                queue.put(Chunk.EOF);
            } catch (IOException | InterruptedException e) {
                closeBoth(src, dst);
                queue.offer(Chunk.EOF);
            }
        });
        Thread.ofVirtual().start(() -> {
            try {
                OutputStream out = dst.getOutputStream();
                while (open) {
                    Chunk c = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (c == null) {
                        if (src.isClosed() || dst.isClosed()) {
                            closeBoth(src, dst);
                            return;
                        }
                        continue;
                    }
                    if (c == Chunk.EOF) {
                        if (!dst.isClosed()) {
                            dst.shutdownOutput();
                        }
                        done.run();
                        return;
                    }
                    if (!link.awaitRelease(c.releaseAt(), c.generation(), () -> open && !dst.isClosed())) {
                        closeBoth(src, dst);
                        return;
                    }
                    out.write(c.data());
                    out.flush();
                    link.observe(System.nanoTime() - c.readAt(), c.data().length);
                    if (counted) {
                        forwardedBytes.addAndGet(c.data().length);
                    }
                }
            } catch (IOException | InterruptedException e) {
                closeBoth(src, dst);
            } finally {
                // A reader blocked on a full queue must not outlive this writer: freed space lets
                // its put return, and its next read fails on the closed socket.
                queue.clear();
            }
        });
    }

    private void closeBoth(Socket a, Socket b) {
        close(a);
        close(b);
        sockets.remove(a);
        sockets.remove(b);
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Already broken; nothing left to release.
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing a listener only fails if it is already closed.
        }
        sockets.forEach(FaultProxy::close);
        sockets.clear();
    }

    private record Chunk(byte[] data, long readAt, long releaseAt, long generation) {
        static final Chunk EOF = new Chunk(new byte[0], 0, 0, 0);
    }
}
