package io.faultline.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.env.ExecResult;
import io.faultline.env.Node;
import io.faultline.fault.Nemesis;
import io.faultline.history.Op;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class PacketNemesisTest {

    @Test
    void delayThroughTheProxyIsMeasurable() throws Exception {
        try (Fixture f = new Fixture("loopback", "delay", 3, false)) {
            Nemesis packet = Fixture.nemesis("packet", Map.of("packet.modes", "delay,stall", "packet.delay-ms", "150",
                    "packet.jitter-ms", "0"));
            Node n1 = f.node("n1");
            Node n2 = f.node("n2");
            String link = f.env.peerAddress(n1, n2, EchoDb.PORT);
            long base = rtt(link);
            assertTrue(base < 100, "baseline round trip " + base + " ms");
            Op started = f.invoke(packet, "start-packet", Map.of("mode", "delay", "targets", "all"));
            assertNull(started.error(), started.error());
            // The echo nodes send each other nothing, so there was no store traffic to measure the
            // delay on: the start must say so rather than claim an effect nobody saw.
            Map<?, ?> dv = (Map<?, ?>) started.value();
            assertEquals(false, dv.get("verified"), dv.toString());
            assertTrue(String.valueOf(dv.get("reason")).contains("no traffic crossed the delayed links"), dv.toString());
            long delayed = rtt(link);
            // Both directions of n1 <-> n2 are delayed 150 ms: request and answer.
            assertTrue(delayed >= 290, "round trip under delay " + delayed + " ms (baseline " + base + ")");
            assertNull(f.invoke(packet, "stop-packet", null).error());
            assertTrue(rtt(link) < 100, "delay gone after heal");

            Op stall = f.invoke(packet, "start-packet", Map.of("mode", "stall", "targets", "all"));
            assertNull(stall.error(), stall.error());
            assertTrue(EchoDb.ask(link, "ping", 800).isEmpty(), "a stalled link delivers nothing");
            packet.healAll(f.context);
            assertEquals("pong", EchoDb.ask(link, "ping", 2_000).orElse(""));
        }
    }

    @Test
    void lossRuleDropsAboutItsShare() throws Exception {
        Assumptions.assumeTrue(Fixture.root(), "iptables inside network namespaces needs root");
        try (Fixture f = new Fixture("local", "loss", 2, false)) {
            Nemesis packet = Fixture.nemesis("packet", Map.of("packet.loss", "0.3"));
            Node n1 = f.node("n1");
            Node n2 = f.node("n2");
            int sent = 3000;
            long before = count(n2);
            send(n1, n2, sent);
            long clean = count(n2) - before;
            assertTrue(clean >= sent * 0.99, "without the rule " + clean + " of " + sent + " arrive");

            Op started = f.invoke(packet, "start-packet", Map.of("mode", "loss", "targets", "one"));
            assertNull(started.error(), started.error());
            Map<?, ?> v = (Map<?, ?>) started.value();
            assertEquals(true, v.get("verified"), "loss measured by probes: " + v);
            assertTrue(String.valueOf(v.get("evidence")).contains("probes lost"), v.toString());
            String hit = (String) ((List<?>) ((Map<?, ?>) started.value()).get("nodes")).get(0);
            Node target = f.node(hit);
            Node sender = target == n1 ? n2 : n1;
            before = count(target);
            send(sender, target, sent);
            double delivered = (count(target) - before) / (double) sent;
            // Binomial with n=3000, p=0.7: one standard deviation is under 1 %, so 5 % is far out.
            assertTrue(Math.abs(delivered - 0.7) < 0.05, "delivered share " + delivered + " with loss 0.3");

            packet.healAll(f.context);
            before = count(target);
            send(sender, target, sent);
            assertTrue(count(target) - before >= sent * 0.99, "loss gone after heal");
        }
    }

    private static long count(Node n) throws InterruptedException {
        Thread.sleep(200);
        return Long.parseLong(EchoDb.ask(n.host() + ":" + EchoDb.PORT, "count", 5_000).orElseThrow());
    }

    /** UDP datagrams from inside {@code from}'s namespace, bash's /dev/udp (no retransmits to hide loss). */
    private static void send(Node from, Node to, int count) throws Exception {
        EchoDb.ask(to.host() + ":" + EchoDb.PORT, "ping", 2_000);
        // Paced (a pause every 25 datagrams) so the receiver's socket buffer, not the rule, never drops any.
        ExecResult r = from.exec(List.of("bash", "-c", "exec 3>/dev/udp/" + to.host() + "/" + EchoDb.PORT
                + "; for i in $(seq " + count + "); do echo x >&3; if (( i % 25 == 0 )); then sleep 0.003; fi; done"));
        assertTrue(r.ok(), r.stderr());
    }

    private static long rtt(String address) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            String answer = EchoDb.ask(address, "ping", 5_000).orElse("");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("pong", answer, "through " + address);
            best = Math.min(best, ms);
        }
        return best;
    }
}
