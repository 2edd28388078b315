package io.faultline.env.proxy;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.env.Node;
import io.faultline.testing.fake.FakeEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a sender sees through the proxy when the receiver goes away: the same as on a direct
 * connection. A receiver that closes (a killed process) must make the sender's writes fail
 * within moments, or a sender that only writes (a Raft leader's link) never re-dials.
 */
class ProxyPeerDeathTest {

    @Test
    void aReceiverThatClosesMakesTheSendersWritesFail() throws Exception {
        List<Node> nodes = new FakeEnvironment(2, Path.of("/nonexistent")).nodes();
        Node a = nodes.get(0);
        Node b = nodes.get(1);
        Map<String, String> proxyHost = Map.of(a.name(), "127.0.0.1", b.name(), "127.0.0.1");
        try (ProxyLinks links = new ProxyLinks(n -> proxyHost.get(n.name()));
             ServerSocket receiver = new ServerSocket()) {
            receiver.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            String route = links.route(a, b, receiver.getLocalPort());
            int port = Integer.parseInt(route.substring(route.lastIndexOf(':') + 1));
            try (Socket sender = new Socket("127.0.0.1", port)) {
                Socket accepted = receiver.accept();
                OutputStream out = sender.getOutputStream();
                out.write("hello\n".getBytes());
                out.flush();
                InputStream in = accepted.getInputStream();
                assertEquals('h', in.read());
                accepted.close(); // the receiver dies
                long deadline = System.nanoTime() + 5_000_000_000L;
                IOException failure = null;
                while (failure == null && System.nanoTime() < deadline) {
                    try {
                        out.write("more\n".getBytes());
                        out.flush();
                        Thread.sleep(50);
                    } catch (IOException e) {
                        failure = e;
                    }
                }
                assertNotNull(failure, "the sender's writes fail after the receiver closed");
            }
        }
    }
}
