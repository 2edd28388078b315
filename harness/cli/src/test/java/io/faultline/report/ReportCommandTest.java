package io.faultline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.check.Anomaly;
import io.faultline.check.CheckResult;
import io.faultline.check.Checker;
import io.faultline.check.Verdict;
import io.faultline.cli.Main;
import io.faultline.history.History;
import io.faultline.testing.fake.FakeRegisterWorkload;
import io.faultline.workload.WorkloadOptions;
import io.faultline.workload.WorkloadRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path root;

    @Test
    void reportCommandRebuildsTheReportAndPlots() throws Exception {
        Path dir = Fixtures.copy(Fixtures.VALID, root, "t", "20260101T000000");
        assertEquals(0, Main.execute("report", dir.toString()));
        assertTrue(Files.readString(dir.resolve("report.html")).contains("id=\"throughput-plot\""));
        assertTrue(Files.size(dir.resolve(ReportBuilder.LATENCY_PNG)) > 1000);
    }

    @Test
    void badFoldersAreHarnessFailuresNamingThePath() throws Exception {
        String err = stderr(() -> assertEquals(3, Main.execute("report", root.resolve("nope").toString())));
        assertTrue(err.contains("nope"), err);
        Path empty = Files.createDirectories(root.resolve("empty"));
        err = stderr(() -> assertEquals(3, Main.execute("report", empty.toString())));
        assertTrue(err.contains("no history.jsonl"), err);
        Path bad = Fixtures.copy(Fixtures.VALID, root, "bad", "20260101T000000");
        Files.writeString(bad.resolve("test.json"), "{not json");
        err = stderr(() -> assertEquals(3, Main.execute("report", bad.toString())));
        assertTrue(err.contains("test.json"), err);
    }

    @Test
    void recheckRunsTheWorkloadsCheckersAndRewritesResults() throws Exception {
        Path dir = Fixtures.copy(Fixtures.VALID, root, "t", "20260101T000001");
        AtomicReference<WorkloadOptions> seen = new AtomicReference<>();
        Checker flagsEverything = new Checker() {
            @Override
            public String name() {
                return "strict";
            }

            @Override
            public CheckResult check(History h) {
                long first = h.operations().getFirst().invokeIndex();
                return new CheckResult("strict", Verdict.INVALID, "flags op " + first,
                        List.of(new Anomaly("made-up", "the first op is suspicious", List.of(first))), Map.of());
            }
        };
        FakeRegisterWorkload provider = new FakeRegisterWorkload(options -> {
            seen.set(options);
            return List.of(flagsEverything);
        });
        RunFolder run = RunFolder.read(dir);
        Recheck.Outcome o = new Recheck(new WorkloadRegistry(List.of(provider))).run(run);
        assertEquals(Verdict.INVALID, o.verdict());
        assertEquals(run.test().seed(), seen.get().seed(), "the workload is rebuilt with the run's seed");
        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals("invalid", results.get("verdict").asText());
        assertEquals("strict", results.get("checkers").get(0).get("checker").asText());
        assertTrue(results.has("rechecked"));
        // The fixture predates fault verification: its partitions never say they took effect, so a
        // re-check, like a run, cannot call the test one that happened (the anomaly still rules: 1).
        assertTrue(results.get("fault-shortfall").asText().contains("partition:"), results.toString());
        assertEquals(1, results.get("exit-code").asInt());
        String html = Files.readString(new ReportBuilder().build(dir).report());
        assertTrue(html.contains("the first op is suspicious"));
    }

    private static String stderr(Runnable r) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(saved);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
