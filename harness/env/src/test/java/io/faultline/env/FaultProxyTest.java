package io.faultline.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.env.proxy.ProxyLinks;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The fault proxy on loopback (no root needed): delay is measurable, jitter keeps order, stall holds. */
class FaultProxyTest {

    @Test
    void delayJitterStallAndHeal() throws Exception {
        try (HostEnvironment env = (HostEnvironment) Environments.create(
                new EnvironmentSpec("loopback", TestSupport.runId("proxy"), 2, TestSupport.tempDir(), false, true));
             ServerSocket peer = TestSupport.echo(env.nodes().get(1).host())) {
            Node n1 = env.nodes().get(0);
            Node n2 = env.nodes().get(1);
            String link = env.peerAddress(n1, n2, peer.getLocalPort());
            assertTrue(link.startsWith(env.addressesOf(n2).get(1) + ":"), "n1 dials n2's proxy address: " + link);
            assertEquals(link, env.peerAddress(n1, n2, peer.getLocalPort()), "one proxy per link");
            LinkControl links = env.links().orElseThrow();

            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(link.substring(0, link.lastIndexOf(':')),
                        Integer.parseInt(link.substring(link.lastIndexOf(':') + 1))), 2_000);
                s.setSoTimeout(5_000);
                s.setTcpNoDelay(true);
                PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));

                long base = rtt(out, in);
                assertTrue(base < 50, "baseline round trip " + base + " ms");

                DelayCheck.oneWayThenBoth(links, n1, n2, 120, 80, 200, () -> rtt(out, in));

                // Jitter varies per chunk but a TCP stream must come out in order.
                links.heal();
                links.delay(n1, n2, Duration.ofMillis(20), Duration.ofMillis(15));
                for (int i = 0; i < 50; i++) {
                    out.println("m" + i);
                }
                for (int i = 0; i < 50; i++) {
                    assertEquals("m" + i, in.readLine());
                }

                links.heal();
                links.stall(n1, n2);
                out.println("held");
                s.setSoTimeout(600);
                assertTrue(timesOut(in), "a stalled link delivers nothing");
                s.setSoTimeout(5_000);
                links.heal();
                assertEquals("held", in.readLine(), "heal releases what the stall held");
                assertTrue(rtt(out, in) < 50, "no delay after heal");
            }
            ProxyLinks proxies = env.proxyLinks().orElseThrow();
            assertTrue(proxies.forwardedBytes(n1, n2) > 0);
        }
    }

    private static long rtt(PrintWriter out, BufferedReader in) throws Exception {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            out.println("ping" + i);
            assertEquals("ping" + i, in.readLine());
            best = Math.min(best, (System.nanoTime() - t0) / 1_000_000);
        }
        return best;
    }

    private static boolean timesOut(BufferedReader in) throws Exception {
        try {
            in.readLine();
            return false;
        } catch (java.net.SocketTimeoutException e) {
            return true;
        }
    }
}
