package io.faultline.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.check.Anomaly;
import io.faultline.check.CheckResult;
import io.faultline.check.Verdict;
import io.faultline.history.FaultLog;
import io.faultline.history.Recovery;
import io.faultline.test.NemesisSchedule;
import io.faultline.test.TestDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** test.json and results.json are written and read back by one typed model with one key style. */
class RunFolderRecordsTest {
    @TempDir
    Path dir;

    private static final Pattern KEY = Pattern.compile("\"([^\"]+)\"\\s*:");

    private static void assertKebabKeys(String json) {
        Matcher m = KEY.matcher(json);
        int keys = 0;
        while (m.find()) {
            keys++;
            assertTrue(m.group(1).matches("[a-z0-9.]+(-[a-z0-9.]+)*"), "kebab-case key: " + m.group(1));
        }
        assertTrue(keys > 10, json);
    }

    @Test
    void testJsonRoundTripsEveryOption() throws Exception {
        TestDefinition def = new TestDefinition("t", "loopback", "raftstore", 3, "register",
                new NemesisSchedule(List.of("partition", "kill"), Duration.ofSeconds(5)), Duration.ofSeconds(30), 8,
                100, 42L, List.of("stale-reads"), Map.of("store.client-timeout-ms", "500"), dir, false);
        Path file = dir.resolve("test.json");
        TestRecord.of(def, List.of("partition", "kill"), "raftstore 1.0", Map.of("jvm-opts", "-XX:+UseSerialGC"), "2026-12-06T19:00:00Z").write(file);
        assertKebabKeys(Files.readString(file));
        TestRecord back = TestRecord.read(file);
        assertEquals(List.of("partition", "kill"), back.faults());
        assertEquals(5.0, back.nemesisIntervalS());
        assertEquals(30.0, back.timeLimitS());
        assertEquals(42L, back.seed());
        assertEquals(List.of("stale-reads"), back.storeFaults());
        assertEquals(Map.of("client-timeout-ms", "500"), back.optionsFor("store"));
        assertEquals("raftstore 1.0", back.storeVersion());
        assertEquals(Map.of("jvm-opts", "-XX:+UseSerialGC"), back.storeProcessSettings());
        assertEquals(List.of("name", "environment", "store", "nodes", "workload", "nemesis", "nemesis-kinds"),
                List.copyOf(back.fields().keySet()).subList(0, 7));
    }

    @Test
    void resultsJsonCarriesTheOneShapeAndTheRunsExitRule() throws Exception {
        CheckResult lost = new CheckResult("set", Verdict.INVALID, "1 lost",
                List.of(new Anomaly("lost", "element 1 was acknowledged, then missing", List.of(0L, 2L))), Map.of());
        CheckResult fine = new CheckResult("unique-ids", Verdict.VALID, "fine", List.of(), Map.of());
        RunStats stats = new RunStats(10, 2, 1, 1, 11 / 13.0, 10 / 13.0, 4, 0.5, 0.5, 3.0, 9.0, 1, 12.5,
                List.of(new FaultLog.Tally("partition", 1, 1, 1, 1, List.of())));
        Path file = dir.resolve("results.json");
        ResultsRecord.of(List.of(fine, lost), stats, "local", List.of("partition"), "", Recovery.of(List.of()),
                new ResultsRecord.HarnessCpu(1200.0, 20000.0, 4000, 0.3), null).write(file);
        String text = Files.readString(file);
        assertKebabKeys(text);
        assertTrue(!text.contains("\"rechecked\""), "absent fields are left out, not written as null");
        ResultsRecord back = ResultsRecord.read(file);
        assertEquals("invalid", back.verdict());
        assertEquals(1, back.exitCode());
        assertEquals(1L, back.anomalyCount());
        assertEquals("set", back.checkers().get(1).get("checker"));
        assertEquals(List.of("lost"), back.checkers().get(1).get("anomaly-types"));
        assertEquals(9.0, back.stats().latencyP99Ms());
        assertEquals("partition", back.stats().faultVerification().get(0).fault());
        assertNull(back.rechecked());
        assertEquals(0.3, back.harnessCpu().cpuMsPerOp());

        // A valid verdict whose requested faults did not take effect is a harness failure (3), as for a run.
        ResultsRecord shortfall = ResultsRecord.of(List.of(fine), stats, "local", List.of("partition"),
                "partition: 1 of 1 starts did not take effect", Recovery.of(List.of()), null, null);
        assertEquals("valid", shortfall.verdict());
        assertEquals(3, shortfall.exitCode());
    }

    @Test
    void unknownFieldsAreIgnoredAndBrokenFilesAreNamed() throws Exception {
        Path file = dir.resolve("test.json");
        Files.writeString(file, "{\"name\":\"old\",\"workload\":\"set\",\"a-field-from-a-newer-version\":1}");
        TestRecord old = TestRecord.read(file);
        assertEquals("set", old.workload());
        assertNull(old.seed());
        assertEquals(List.of(), old.faults());

        Files.writeString(file, "{\"name\": ");
        RunFolderException broken = assertThrows(RunFolderException.class, () -> TestRecord.read(file));
        assertTrue(broken.getMessage().startsWith(file + ": not a test.json"), broken.getMessage());
        RunFolderException missing = assertThrows(RunFolderException.class,
                () -> ResultsRecord.read(dir.resolve("results.json")));
        assertTrue(missing.getMessage().contains("results.json: missing"), missing.getMessage());
    }
}
