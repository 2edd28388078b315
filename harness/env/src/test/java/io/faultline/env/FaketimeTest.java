package io.faultline.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.testing.ClockSkew;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class FaketimeTest {

    @Test
    void offsetsUseLibfaketimesRelativeFormat() {
        assertEquals("+0.000", Faketime.format(0));
        assertEquals("+3600.000", Faketime.format(3_600_000));
        assertEquals("-1.250", Faketime.format(-1_250));
        assertEquals("+0.040", Faketime.format(40));
    }

    @Test
    void goBinariesAreRecognised() throws Exception {
        Path fake = Files.createTempFile("fake-go", ".bin");
        Files.write(fake, ("\u007fELF....padding....\u00ff Go buildinf:\u0008\u0002...").getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(Faketime.isGoBinary(fake));
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        assertFalse(Faketime.isGoBinary(java), "the JVM launcher is C");
    }

    @Test
    void aRunningJvmFollowsItsOffsetFile() throws Exception {
        Assumptions.assumeTrue(Faketime.library().isPresent(), "libfaketime is not installed");
        try (Environment env = Environments.create(
                new EnvironmentSpec("loopback", TestSupport.runId("clock"), 2, TestSupport.tempDir(), true, false))) {
            ClockControl clocks = env.clocks().orElseThrow();
            Node n1 = env.nodes().get(0);
            Node n2 = env.nodes().get(1);
            NodeProcess jvm = n1.spawn(EchoMain.command(n1.host(), 7000), Map.of(), n1.dir().resolve("echo.log"));
            String address = n1.host() + ":7000";
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (TestSupport.ask(address, "t", 500).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            // EchoMain answers every line with "hi <its wall clock in ms>".
            LongSupplier jvmClock = () -> Long.parseLong(TestSupport.ask(address, "t", 5_000).orElseThrow().substring(3));
            assertTrue(Math.abs(ClockSkew.of(jvmClock)) < 1_000, "no offset yet");
            assertTrue(clocks.whyIgnored(n1).isEmpty(), clocks.whyIgnored(n1).orElse(""));

            clocks.setOffsetMillis(n1, 3_600_000);
            assertEquals(3_600_000, clocks.offsetMillis(n1));
            assertEquals("+3600.000", Files.readString(n1.dir().resolve("faketime.offset")).strip());
            long observed = clocks.observedMillis(n1) - System.currentTimeMillis();
            assertTrue(Math.abs(observed - 3_600_000) < 1_000, "a fresh process on n1 reads +1 h: " + observed);
            assertTrue(Math.abs(clocks.observedMillis(n2) - System.currentTimeMillis()) < 1_000, "n2 keeps real time");
            // The running JVM picks the change up within libfaketime's cache time.
            long s = ClockSkew.await(jvmClock, 3_600_000, 1_000);
            assertTrue(Math.abs(s - 3_600_000) <= 1_000, "running JVM skew " + s);

            clocks.setOffsetMillis(n1, -1_500);
            s = ClockSkew.await(jvmClock, -1_500, 400);
            assertTrue(Math.abs(s + 1_500) <= 400, "running JVM 1.5 s behind: " + s);
            clocks.reset();
            assertEquals(0, clocks.offsetMillis(n1));
            jvm.kill();
        }
    }
}
