package io.faultline.raftstore.net;

import io.faultline.raftstore.raft.Entry;
import io.faultline.raftstore.raft.Message;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real loopback links: order, large frames, a peer that stops reading, and a peer that comes back. */
class PeerTransportTest {
    private static HostPort freeAddress() throws IOException {
        try (var s = new ServerSocket(0)) {
            return new HostPort("127.0.0.1", s.getLocalPort());
        }
    }

    /** Peers "a" and "b" on free loopback addresses, each dialling the other through this table. */
    private record Peers(HostPort a, HostPort b) {
        static Peers free() throws IOException {
            return new Peers(freeAddress(), freeAddress());
        }

        HostPort address(String id) {
            return Map.of("a", a, "b", b).get(id);
        }

        PeerTransport start(String id, String clientAddr, PeerTransport.Receiver inbox, Consumer<String> log) throws IOException {
            return new PeerTransport(id, address(id), clientAddr, this::address, inbox, log);
        }
    }

    private static Message.Append append(String from, String to, long index, int valueBytes) {
        byte[] data = new byte[valueBytes];
        data[0] = (byte) index;
        return new Message.Append(from, to, 1, index - 1, 1, List.of(new Entry(1, index, Entry.Type.NORMAL, data)), index - 1);
    }

    private static Message poll(LinkedBlockingQueue<Message> q) throws InterruptedException {
        Message m = q.poll(10, TimeUnit.SECONDS);
        assertNotNull(m, "no message within 10 s");
        return m;
    }

    @Test
    void framesArriveInOrderBothWaysWithTheSendersClientAddress() throws Exception {
        Peers peers = Peers.free();
        var atA = new LinkedBlockingQueue<Message>();
        var atB = new LinkedBlockingQueue<Message>();
        try (var ta = peers.start("a", "127.0.0.1:1", atA::add, s -> { });
             var tb = peers.start("b", "127.0.0.1:2", atB::add, s -> { })) {
            // Sizes from a heartbeat-sized frame to one larger than the link's initial buffer.
            int[] sizes = {1, 256, 70_000, 3, 1 << 20, 256};
            for (int i = 0; i < 300; i++) ta.send(append("a", "b", i + 1, sizes[i % sizes.length]));
            tb.send(new Message.Heartbeat("b", "a", 1, 7, 9));
            for (int i = 0; i < 300; i++) {
                var m = (Message.Append) poll(atB);
                assertEquals(i + 1, m.prevIndex() + 1, "frames out of order");
                assertEquals(sizes[i % sizes.length], m.entries().getFirst().data().length);
                assertEquals((byte) (i + 1), m.entries().getFirst().data()[0]);
            }
            assertEquals(new Message.Heartbeat("b", "a", 1, 7, 9), poll(atA));
            assertEquals("127.0.0.1:1", tb.clientAddressOf("a"));
            assertEquals("127.0.0.1:2", ta.clientAddressOf("b"));
        }
    }

    @Test
    void everyBurstEndsWithDrainedAfterItsLastMessage() throws Exception {
        Peers peers = Peers.free();
        // The node acts on messages only at drained(): a message never followed by it would wait
        // for the node's next tick.
        var events = new LinkedBlockingQueue<Object>();
        var receiver = new PeerTransport.Receiver() {
            @Override
            public void message(Message m) {
                events.add(m);
            }

            @Override
            public void drained() {
                events.add("drained");
            }
        };
        try (var ta = peers.start("a", "x", m -> { }, s -> { });
             var tb = peers.start("b", "y", receiver, s -> { })) {
            for (int burst = 0; burst < 5; burst++) {
                int n = 1 + burst * 40;
                for (int i = 0; i < n; i++) ta.send(append("a", "b", i + 1, 256));
                int seen = 0;
                Object last = null;
                while (seen < n || !"drained".equals(last)) {
                    last = events.poll(10, TimeUnit.SECONDS);
                    assertNotNull(last, "burst " + burst + ": " + seen + " of " + n + " messages, then nothing for 10 s");
                    if (last instanceof Message) seen++;
                }
                assertEquals(n, seen, "burst " + burst);
                assertTrue(events.isEmpty(), "nothing after the closing drained: " + events);
            }
        }
    }

    @Test
    void aPeerThatStopsReadingNeverBlocksTheSender() throws Exception {
        HostPort a = freeAddress();
        var accepted = new java.util.concurrent.CopyOnWriteArrayList<Socket>();
        try (var silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress("127.0.0.1", 0));
            // Accepts and then never reads, as a SIGSTOPped process would.
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (true) accepted.add(silent.accept());
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            HostPort b = new HostPort("127.0.0.1", silent.getLocalPort());
            try (var ta = new PeerTransport("a", a, "127.0.0.1:1", Map.of("b", b)::get, m -> { }, s -> { })) {
                long t0 = System.nanoTime();
                // 1,000 x 64 KiB = ~64 MiB, far beyond any socket buffer: the kernel fills up, then the queue.
                for (int i = 0; i < 1_000; i++) ta.send(append("a", "b", i + 1, 64 << 10));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(ms < 5_000, "sending to a peer that does not read took " + ms + " ms");
            }
        } finally {
            for (Socket s : accepted) s.close();
        }
    }

    @Test
    void aLinkNoticesThePeerRestartAndTheFirstMessageAfterItArrives() throws Exception {
        Peers peers = Peers.free();
        var logs = new LinkedBlockingQueue<String>();
        try (var ta = peers.start("a", "x", m -> { }, logs::add)) {
            var first = new LinkedBlockingQueue<Message>();
            try (var tb = peers.start("b", "y", first::add, s -> { })) {
                ta.send(new Message.TimeoutNow("a", "b", 1));
                assertEquals(new Message.TimeoutNow("a", "b", 1), poll(first));
            }
            // b's process is gone. a sends it nothing meanwhile, as a follower sends nothing to
            // another follower until an election; the link must notice the close by itself.
            String down = logs.poll(5, TimeUnit.SECONDS);
            assertNotNull(down, "the link did not notice that the peer closed the connection");
            assertTrue(down.contains("link to b") && down.contains("down"), down);
            var second = new LinkedBlockingQueue<Message>();
            try (var tb = peers.start("b", "y", second::add, s -> { })) {
                String up = logs.poll(10, TimeUnit.SECONDS);
                assertNotNull(up, "the link did not come back within 10 s of the peer's restart");
                assertTrue(up.contains("link to b") && up.contains("up"), up);
                ta.send(new Message.TimeoutNow("a", "b", 2)); // once: a vote request is not repeated soon
                assertEquals(new Message.TimeoutNow("a", "b", 2), poll(second));
            }
        }
    }
}
