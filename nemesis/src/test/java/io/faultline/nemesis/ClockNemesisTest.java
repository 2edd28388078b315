package io.faultline.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.env.Faketime;
import io.faultline.env.Node;
import io.faultline.env.NodeProcess;
import io.faultline.fault.Nemesis;
import io.faultline.history.Op;
import io.faultline.testing.ClockSkew;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Clock skew read back from the store process itself (a JVM under libfaketime). */
class ClockNemesisTest {

    @BeforeAll
    static void needsFaketime() {
        if (Faketime.library().isEmpty()) {
            System.out.println("ClockNemesisTest skipped: libfaketime is not installed (apt-get install -y faketime)");
        }
        Assumptions.assumeTrue(Faketime.library().isPresent(), "libfaketime is not installed");
    }

    @Test
    void bumpedNodeReadsItsOffsetAndResetUndoesIt() throws Exception {
        try (Fixture f = new Fixture("loopback", "clock", 3, true)) {
            Nemesis clock = Fixture.nemesis("clock", Map.of("clock.max-ms", "600000", "clock.targets", "one"));
            Op started = f.invoke(clock, "start-clock", Map.of("mode", "bump"));
            assertNull(started.error(), started.error());
            Map<?, ?> v = (Map<?, ?>) started.value();
            assertEquals("bump", v.get("action"));
            String hit = (String) ((List<?>) v.get("nodes")).get(0);
            long offset = ((Number) ((Map<?, ?>) v.get("offsets-ms")).get(hit)).longValue();
            assertTrue(Math.abs(offset) >= 10, "offset " + offset);
            Node node = f.node(hit);
            long skew = ClockSkew.await(storeClock(node), offset, 1_000);
            assertTrue(Math.abs(skew - offset) < 1_000, "store clock skew " + skew + " ms, offset " + offset + " ms");
            for (Node other : f.env.nodes()) {
                if (other != node) {
                    assertTrue(Math.abs(ClockSkew.of(storeClock(other))) < 1_000, other + " keeps the real time");
                }
            }
            Op stopped = f.invoke(clock, "stop-clock", null);
            assertNull(stopped.error(), stopped.error());
            assertEquals(0L, ((Number) ((Map<?, ?>) ((Map<?, ?>) stopped.value()).get("offsets-ms")).get(hit)).longValue());
            assertTrue(Math.abs(ClockSkew.await(storeClock(node), 0, 1_000)) < 1_000, "reset brings the store back to real time");
        }
    }

    @Test
    void refusesWhenTheStoreIgnoresLibfaketime() throws Exception {
        try (Fixture f = new Fixture("loopback", "clockno", 1, true)) {
            Node n1 = f.node("n1");
            // env -u drops LD_PRELOAD before exec: like a Go binary, this process never sees the offset file.
            NodeProcess blind = n1.spawn(List.of("env", "-u", "LD_PRELOAD", "sleep", "60"), Map.of(), n1.dir().resolve("blind.log"));
            try {
                Thread.sleep(300);
                Op started = f.invoke(Fixture.nemesis("clock", Map.of()), "start-clock", Map.of("mode", "bump"));
                assertNotNull(started.error(), "the nemesis must refuse");
                assertTrue(started.error().startsWith("clock faults need a store whose runtime honours libfaketime"),
                        started.error());
                assertEquals(0L, f.env.clocks().orElseThrow().offsetMillis(n1), "nothing was changed");
            } finally {
                blind.kill();
            }
        }
    }

    /** The store's clock, from EchoDb's "time" answer. */
    private static LongSupplier storeClock(Node node) {
        return () -> Long.parseLong(EchoDb.ask(node.host() + ":" + EchoDb.PORT, "time", 5_000).orElseThrow());
    }
}
