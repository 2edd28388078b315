package io.faultline.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A harness that dies by SIGKILL runs no shutdown hook; {@code faultline cleanup} must still find
 * and remove what it made, by its state file and by name.
 */
class CrashCleanupTest {

    @ParameterizedTest
    @ValueSource(strings = {"loopback", "local"})
    void cleanupRemovesWhatAKilledHarnessLeftBehind(String kind) throws Exception {
        if (kind.equals("local") && !TestSupport.root()) {
            System.out.println("CrashCleanupTest[local] skipped: network namespaces need root");
        }
        Assumptions.assumeTrue(kind.equals("loopback") || TestSupport.root(), "network namespaces need root");
        String runId = TestSupport.runId("crash-" + kind);
        Path dir = TestSupport.tempDir();
        Process victim = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), CrashVictim.class.getName(), kind, runId, dir.toString())
                .redirectErrorStream(true).start();
        List<Long> pids = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8));
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null && !line.startsWith("READY")) {
                seen.append(line).append('\n');
            }
            assertTrue(line != null, "the victim never got ready:\n" + seen);
            Arrays.stream(line.split(" ")).skip(1).map(Long::parseLong).forEach(pids::add);
        } finally {
            victim.destroyForcibly();
            assertTrue(victim.waitFor(10, TimeUnit.SECONDS));
        }
        Path state = RunState.directory().resolve(runId + ".state");
        assertTrue(Files.exists(state), "a killed harness leaves its state file");
        for (long pid : pids) {
            assertTrue(TestSupport.alive(pid), "node process " + pid + " outlives the killed harness");
        }
        if (kind.equals("local")) {
            assertTrue(NamespaceNetwork.netnsExists(NamespaceNetwork.netnsName(runId, 1)));
        }

        Leftovers.Report report = Leftovers.clean(false, false, s -> System.out.println("cleanup: " + s));
        assertTrue(report.clean(), report.failures().toString());

        for (long pid : pids) {
            assertFalse(TestSupport.alive(pid), "cleanup killed node process " + pid);
        }
        assertFalse(Files.exists(state), "cleanup removed the state file");
        assertTrue(NamespaceNetwork.listNetns().stream().noneMatch(n -> n.startsWith("faultline-" + runId + "-")));
        assertFalse(NamespaceNetwork.linkExists("flh-" + NamespaceNetwork.tag(runId)));
        // A second cleanup finds nothing of this run.
        Leftovers.Report again = Leftovers.clean(false, true, s -> { });
        assertTrue(again.lines().stream().noneMatch(l -> l.contains(runId)), again.lines().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"loopback", "local"})
    void ctrlCRemovesEverythingThroughTheShutdownHook(String kind) throws Exception {
        Assumptions.assumeTrue(kind.equals("loopback") || TestSupport.root(), "network namespaces need root");
        String runId = TestSupport.runId("sigint-" + kind);
        // A suite started from a script's background job ("... &") inherits SIGINT ignored (POSIX),
        // and a JVM keeps an inherited ignore, so the victim would never see this Ctrl-C; a terminal
        // never starts a harness that way. perl (Debian's essential perl-base) restores the default.
        Process victim = new ProcessBuilder("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"",
                ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), CrashVictim.class.getName(), kind, runId,
                TestSupport.tempDir().toString()).redirectErrorStream(true).start();
        List<Long> pids = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY")) {
                // setup output
            }
            assertTrue(line != null, "the victim never got ready");
            Arrays.stream(line.split(" ")).skip(1).map(Long::parseLong).forEach(pids::add);
            // What a terminal's Ctrl-C sends.
            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(victim.pid())).start().waitFor());
            assertTrue(victim.waitFor(30, TimeUnit.SECONDS), "the harness exits on SIGINT");
        } finally {
            victim.destroyForcibly();
        }
        for (long pid : pids) {
            assertFalse(TestSupport.alive(pid), "the shutdown hook killed node process " + pid);
        }
        assertFalse(Files.exists(RunState.directory().resolve(runId + ".state")), "the shutdown hook removed the state file");
        assertTrue(NamespaceNetwork.listNetns().stream().noneMatch(n -> n.startsWith("faultline-" + runId + "-")));
        assertFalse(NamespaceNetwork.linkExists("flh-" + NamespaceNetwork.tag(runId)));
    }

    @Test
    void cleanupFindsNamespacesByNameWithoutAStateFile() throws Exception {
        Assumptions.assumeTrue(TestSupport.root(), "network namespaces need root");
        String ns = "faultline-" + TestSupport.runId("orphan") + "-n1";
        assertEquals(0, new ProcessBuilder("ip", "netns", "add", ns).start().waitFor());
        Process sleeper = new ProcessBuilder("ip", "netns", "exec", ns, "sleep", "300").start();
        Thread.sleep(200);
        Leftovers.Report report = Leftovers.clean(false, false, s -> System.out.println("cleanup: " + s));
        assertTrue(report.clean(), report.failures().toString());
        assertFalse(NamespaceNetwork.netnsExists(ns));
        assertTrue(sleeper.waitFor(10, TimeUnit.SECONDS), "the process inside was killed first");
    }

    @ParameterizedTest
    @ValueSource(strings = {"loopback", "local"})
    void leaveRunningKeepsTheClusterPastANormalExitUntilCleanup(String kind) throws Exception {
        Assumptions.assumeTrue(kind.equals("loopback") || TestSupport.root(), "network namespaces need root");
        String runId = TestSupport.runId("keep-" + kind);
        Process victim = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), CrashVictim.class.getName(), kind, runId,
                TestSupport.tempDir().toString(), "leave-running").redirectErrorStream(true).start();
        List<Long> pids = new ArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("READY")) {
            // setup output
        }
        assertTrue(line != null, "the victim never got ready");
        Arrays.stream(line.split(" ")).skip(1).map(Long::parseLong).forEach(pids::add);
        assertTrue(victim.waitFor(30, TimeUnit.SECONDS), "the harness exits normally");
        assertEquals(0, victim.exitValue());
        for (long pid : pids) assertTrue(TestSupport.alive(pid), "--leave-running kept node process " + pid);
        assertTrue(Files.exists(RunState.directory().resolve(runId + ".state")), "and its state file, for cleanup");
        if (kind.equals("local")) assertTrue(NamespaceNetwork.netnsExists(NamespaceNetwork.netnsName(runId, 1)));

        Leftovers.Report report = Leftovers.clean(false, false, s -> System.out.println("cleanup: " + s));
        assertTrue(report.clean(), report.failures().toString());
        for (long pid : pids) assertFalse(TestSupport.alive(pid), "cleanup removed node process " + pid);
        assertTrue(NamespaceNetwork.listNetns().stream().noneMatch(n -> n.startsWith("faultline-" + runId + "-")));
    }
}
