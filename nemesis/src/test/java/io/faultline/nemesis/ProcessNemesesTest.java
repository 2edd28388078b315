package io.faultline.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.env.Node;
import io.faultline.fault.Nemesis;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kill and pause, verified by what a client sees; loopback, so they run without root too. */
class ProcessNemesesTest {

    @Test
    void killedNodeDoesNotAnswerAndAnswersAgainAfterRestart() throws Exception {
        try (Fixture f = new Fixture("loopback", "kill", 3, false)) {
            Nemesis kill = Fixture.nemesis("kill", Map.of());
            Op started = f.invoke(kill, "start-kill", Map.of("targets", "leader"));
            assertEquals(OpType.INFO, started.type());
            assertNull(started.error(), started.error());
            Map<?, ?> v = (Map<?, ?>) started.value();
            assertEquals("kill", v.get("fault"));
            assertEquals(List.of("n1"), v.get("nodes"), "the echo store's leader is n1");
            assertEquals(true, v.get("verified"), "the kill is verified by looking: " + v);
            Node n1 = f.node("n1");
            assertFalse(f.db.isRunning(n1));
            assertTrue(EchoDb.ask(f.db.clientAddress(n1), "ping", 500).isEmpty(), "a killed node answers nothing");
            assertEquals("pong", EchoDb.ask(f.db.clientAddress(f.node("n2")), "ping", 2_000).orElse(""));

            Op stopped = f.invoke(kill, "stop-kill", null);
            assertNull(stopped.error(), stopped.error());
            assertEquals(List.of("n1"), ((Map<?, ?>) stopped.value()).get("nodes"));
            assertEquals(true, ((Map<?, ?>) stopped.value()).get("verified"), "restarted and accepting connections: " + stopped.value());
            assertEquals("pong", EchoDb.ask(f.db.clientAddress(n1), "ping", 2_000).orElse(""));
        }
    }

    @Test
    void majorityKillHitsTwoOfThree() throws Exception {
        try (Fixture f = new Fixture("loopback", "killmaj", 3, false)) {
            Nemesis kill = Fixture.nemesis("kill", Map.of("kill.targets", "majority"));
            Op started = f.invoke(kill, "start-kill", null);
            List<?> hit = (List<?>) ((Map<?, ?>) started.value()).get("nodes");
            assertEquals(2, hit.size());
            long down = f.env.nodes().stream().filter(n -> !f.db.isRunning(n)).count();
            assertEquals(2, down);
            kill.healAll(f.context);
            assertTrue(f.env.nodes().stream().allMatch(f.db::isRunning));
        }
    }

    @Test
    void pausedNodeDoesNotAnswerUntilResumed() throws Exception {
        try (Fixture f = new Fixture("loopback", "pause", 3, false)) {
            Nemesis pause = Fixture.nemesis("pause", Map.of());
            Op started = f.invoke(pause, "start-pause", Map.of("targets", "one"));
            assertNull(started.error(), started.error());
            String hit = (String) ((List<?>) ((Map<?, ?>) started.value()).get("nodes")).get(0);
            Node paused = f.node(hit);
            // The kernel still accepts the connection; the stopped process never answers.
            assertTrue(EchoDb.ask(f.db.clientAddress(paused), "ping", 1_000).isEmpty(), "a paused node answers nothing");
            assertTrue(f.db.isRunning(paused), "paused is not dead");
            for (Node other : f.env.nodes()) {
                if (other != paused) {
                    assertEquals("pong", EchoDb.ask(f.db.clientAddress(other), "ping", 2_000).orElse(""));
                }
            }
            assertEquals(true, ((Map<?, ?>) started.value()).get("verified"), "the kernel says stopped: " + started.value());
            assertTrue(String.valueOf(((Map<?, ?>) started.value()).get("evidence")).contains("state T"));
            Op stopped = f.invoke(pause, "stop-pause", null);
            assertEquals(true, ((Map<?, ?>) stopped.value()).get("verified"), stopped.value().toString());
            assertEquals(List.of(hit), ((Map<?, ?>) stopped.value()).get("nodes"));
            assertEquals("pong", EchoDb.ask(f.db.clientAddress(paused), "ping", 2_000).orElse(""));
        }
    }

    @Test
    void badOptionsAreRefusedWithTheOptionName() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Fixture.nemesis("kill", Map.of("kill.targets", "most")));
        assertTrue(e.getMessage().contains("kill.targets=most"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Fixture.nemesis("packet", Map.of("packet.los", "0.1")));
        assertTrue(e.getMessage().contains("unknown nemesis option 'packet.los'"), e.getMessage());
    }
}
