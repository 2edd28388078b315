package io.faultline.stores.etcd;

import static org.junit.jupiter.api.Assertions.*;

import io.etcd.jetcd.Client;
import io.faultline.raftstore.local.LoopbackPorts;
import io.faultline.stores.LogTail;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The holder's lease clock starts when a keep-alive is sent, not when its answer arrives: one real
 * etcd on loopback, the jetcd client behind a proxy that holds every answer back by 1.5 s. With a
 * 3 s TTL and a 200 ms margin, keep-alives sent every second and answered 1.5 s late leave the
 * holder between 0.3 and 1.3 s of lease (send + 3 s - 0.2 s, seen 1.5 s after the send); a clock
 * started at the answer would claim 2 to 3 s, past what the server granted.
 */
class EtcdLeaseClockTest {
    private static final Duration DELAY = Duration.ofMillis(1500);

    @BeforeAll
    static void needEtcd() {
        Runs.needEtcd();
    }

    @Test
    void aDelayedKeepAliveAnswerExtendsTheLeaseOnlyFromItsSendTime(@TempDir Path dir) throws Exception {
        EtcdBinary etcd = EtcdBinary.locate(null, System.getenv("PATH"));
        // Below the ephemeral range (LoopbackPorts says why): a port from new ServerSocket(0) can be
        // taken as the source port of an outgoing connection before etcd binds it.
        List<Integer> ports = LoopbackPorts.pick(2);
        int clientPort = ports.get(0);
        int peerPort = ports.get(1);
        Process server = new ProcessBuilder(etcd.path().toString(), "--name", "clock", "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", "http://127.0.0.1:" + clientPort, "--advertise-client-urls", "http://127.0.0.1:" + clientPort,
                "--listen-peer-urls", "http://127.0.0.1:" + peerPort, "--initial-advertise-peer-urls", "http://127.0.0.1:" + peerPort,
                "--initial-cluster", "clock=http://127.0.0.1:" + peerPort)
                .redirectErrorStream(true).redirectOutput(dir.resolve("etcd.log").toFile()).start();
        try (DelayingProxy proxy = new DelayingProxy(new InetSocketAddress("127.0.0.1", clientPort));
             Client client = Client.builder().endpoints("http://127.0.0.1:" + proxy.port()).build()) {
            EtcdLease lease = new EtcdLease(client.getLeaseClient(), 3, Duration.ofMillis(200));
            lease.keepAlive(grantOnceReady(lease, server, dir.resolve("etcd.log")));
            Thread.sleep(1200);
            assertEquals(List.of(), lease.endsWithin(Duration.ofMillis(1000)).stream().toList(),
                    "answered at once, keep-alives every second leave 1.8-2.8 s");

            proxy.delayAnswers(DELAY);
            long delayedFrom = System.nanoTime();
            Thread.sleep(DELAY.toMillis() + 400); // the first delayed answers have arrived
            List<String> samples = new ArrayList<>();
            while (System.nanoTime() - delayedFrom < TimeUnit.MILLISECONDS.toNanos(4500)) {
                // Still alive: the late answers count (without them the lease would be gone by now) ...
                assertEquals(List.of(), lease.endsWithin(Duration.ZERO).stream().toList(), "late answers count");
                // ... but only from their send: never 1.5 s or more left, as an answer-time clock would claim.
                samples.add(lease.endsWithin(Duration.ofMillis(1500)).orElseThrow(
                        () -> new AssertionError("the lease reaches 1.5 s ahead although every answer was 1.5 s late")));
                Thread.sleep(100);
            }
            assertTrue(samples.size() >= 20, () -> "sampled " + samples.size());
            assertTrue(proxy.delayedChunks() > 0, "answers went through the delay");
            lease.stopKeepAlive();
            assertTrue(lease.endsWithin(Duration.ZERO).isPresent(), "stopped: not held");
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** etcd takes a moment to elect itself; the first grant that goes through starts the lease. */
    private static EtcdLease.Granted grantOnceReady(EtcdLease lease, Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return lease.grant().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    // The TempDir goes with the test: the failure carries etcd's own account.
                    throw new AssertionError("etcd granted no lease (" + (server.isAlive() ? "running" : "exited " + server.exitValue())
                            + "); etcd.log ends:\n" + LogTail.of(log, 15), e);
                }
                Thread.sleep(200);
            }
        }
    }

    /** Forwards one way at once and holds the other way's bytes (server to client) back by a settable delay. */
    private static final class DelayingProxy implements AutoCloseable {
        private record Chunk(byte[] bytes, long dueNanos) {
        }

        private final ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        private final InetSocketAddress upstream;
        private final List<Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile long delayNanos;
        private volatile long delayed;

        DelayingProxy(InetSocketAddress upstream) throws IOException {
            this.upstream = upstream;
            Thread.ofPlatform().daemon().start(this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        void delayAnswers(Duration d) {
            delayNanos = d.toNanos();
        }

        long delayedChunks() {
            return delayed;
        }

        private void accept() {
            try {
                while (true) {
                    Socket down = server.accept();
                    Socket up;
                    try {
                        up = new Socket(upstream.getAddress(), upstream.getPort());
                    } catch (IOException refused) {
                        // jetcd connects before etcd listens: drop this connection, keep accepting (the
                        // client reconnects). Ending the loop here left every later grant unanswered.
                        down.close();
                        continue;
                    }
                    sockets.add(down);
                    sockets.add(up);
                    Thread.ofPlatform().daemon().start(() -> pump(down, up));
                    LinkedBlockingQueue<Chunk> answers = new LinkedBlockingQueue<>();
                    Thread.ofPlatform().daemon().start(() -> read(up, answers));
                    Thread.ofPlatform().daemon().start(() -> deliver(answers, down));
                }
            } catch (IOException e) {
                // closed
            }
        }

        private static void pump(Socket from, Socket to) {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // a side closed
            }
        }

        private void read(Socket from, LinkedBlockingQueue<Chunk> queue) {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    long d = delayNanos;
                    if (d > 0) delayed++;
                    queue.add(new Chunk(Arrays.copyOf(buf, n), System.nanoTime() + d));
                }
            } catch (IOException e) {
                // a side closed
            }
        }

        private static void deliver(LinkedBlockingQueue<Chunk> queue, Socket to) {
            try (OutputStream out = to.getOutputStream()) {
                while (true) {
                    Chunk c = queue.take();
                    long wait = c.dueNanos() - System.nanoTime();
                    if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                    out.write(c.bytes());
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // a side closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : sockets) s.close();
        }
    }
}
