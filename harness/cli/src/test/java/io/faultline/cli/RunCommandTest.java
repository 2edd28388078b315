package io.faultline.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.runner.Progress;
import io.faultline.test.TestDefinition;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunCommandTest {

    private static RunCommand parse(String... args) {
        RunCommand c = new RunCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @Test
    void defaultsAreTheIssues() {
        TestDefinition d = parse().definition();
        assertEquals("raftstore", d.store());
        assertEquals(3, d.nodes());
        assertEquals("register", d.workload());
        // Partitions, crashes, the two composed as a stale election, and pauses (issue 17: what
        // catches every planted raftstore fault), every 3 s on average as in compare and campaigns.
        assertEquals(List.of("partition", "kill", "stale-election", "pause"), d.nemesis().faults());
        assertEquals(Duration.ofSeconds(3), d.nemesis().interval());
        assertEquals(Duration.ofSeconds(60), d.timeLimit());
        assertEquals("raftstore-register-partition+kill+stale-election+pause", d.name());
        assertFalse(d.leaveRunning());
    }

    @Test
    void optionsReachTheDefinition() {
        TestDefinition d = parse("--nemesis", "none", "--store-fault", "stale-reads", "--seed", "9", "--time-limit", "2.5",
                "--opt", "workload.ops-per-key=20", "--leave-running", "--concurrency", "4", "--rate", "50").definition();
        assertTrue(d.nemesis().none());
        assertEquals(List.of("stale-reads"), d.storeFaults());
        assertEquals(9, d.seed());
        assertEquals(Duration.ofMillis(2500), d.timeLimit());
        assertEquals("20", d.optionsFor("workload").get("ops-per-key"));
        assertTrue(d.leaveRunning());
        assertEquals("raftstore-register-none-stale-reads", d.name());
    }

    @Test
    void listShowsTheNemesisPackagesWithWhatTheyStandFor() {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(ExitCode.VALID, Main.execute("run", "--list"));
        } finally {
            System.setOut(saved);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        for (String line : List.of("  partitions = partition - ", "  crashes = kill - ", "  pauses = pause - ", "  clocks = clock - ",
                "  network = packet - ", "  all = partition,kill,pause,clock,packet - every fault class the store and the environment support")) {
            assertTrue(out.contains(line), "missing '" + line + "' in:\n" + out);
        }
    }

    @Test
    void badValuesNameTheFlag() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--nemesis", "none,kill").definition())
                .getMessage().startsWith("--nemesis"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--rate", "0").definition())
                .getMessage().startsWith("--rate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--opt", "color=red").definition())
                .getMessage().startsWith("--opt color=red"));
        String unknownEnv = assertThrows(IllegalArgumentException.class, () -> parse("--env", "moon").definition()).getMessage();
        assertTrue(unknownEnv.startsWith("--env: unknown environment 'moon'; expected one of auto, local, loopback, docker"),
                unknownEnv);
        assertEquals(ExitCode.HARNESS_FAILURE, Main.execute("run", "--env", "moon"));
        assertEquals(ExitCode.HARNESS_FAILURE, Main.execute("run", "--time-limit", "-1"));
        assertEquals(ExitCode.HARNESS_FAILURE, Main.execute("run", "--nodes", "many"));
    }

    @Test
    void plainOutputPrintsProgressEveryTenSeconds() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RunOutput out = new RunOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        for (int i = 1; i <= 25; i++) out.progress(new Progress("main", i, 60, i * 10L, 1, 0, 10, Set.of("kill")));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(2, text.lines().count(), text);
        assertTrue(text.contains("main    10/60 s  ok 100  fail 1  info 0  10 ops/s  faults: kill"), text);
        assertFalse(text.contains("\r"), "no carriage returns when not a terminal");
    }
}
