package io.faultline.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.check.Anomaly;
import io.faultline.check.CheckResult;
import io.faultline.check.Verdict;
import io.faultline.report.Fixtures;
import io.faultline.runner.HarnessFailure;
import io.faultline.runner.RunListener;
import io.faultline.runner.RunResult;
import io.faultline.results.RunStats;
import io.faultline.test.TestDefinition;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class CampaignRunnerTest {
    @TempDir
    Path results;

    private static final String YAML = """
            name: gate
            matrix:
              workloads: [register]
              nemeses: [partition]
              seeds: [1, 2]
            runs:
              - {workload: register, nemesis: partition, store-fault: stale-reads, seed: 3, expect: anomaly}
              - {workload: register, nemesis: partition, store-fault: no-dedupe, seed: 4, expect: anomaly}
            """;

    /** Answers from a table by run name; writes a real run folder (a recorded fixture) for each run. */
    static final class FakeExecutor implements RunExecutor {
        final List<String> ran = new ArrayList<>();
        final Function<String, Object> answer;

        FakeExecutor(Function<String, Object> answer) {
            this.answer = answer;
        }

        @Override
        public RunResult run(TestDefinition def, RunListener listener) throws HarnessFailure {
            ran.add(def.name());
            Object a = answer.apply(def.name());
            if (a instanceof String msg) throw new HarnessFailure(msg, null);
            Verdict v = (Verdict) a;
            Path dir = Fixtures.copy(Fixtures.VALID, def.resultsRoot(), def.name(), "20260101T000000");
            List<Anomaly> anomalies = v == Verdict.INVALID
                    ? List.of(new Anomaly("stale-read", "read of r1 returned 3 <after> a write of 4 completed", List.of(12L, 40L)))
                    : List.of();
            CheckResult r = new CheckResult("linearizable", v, "fake " + v, anomalies, Map.of());
            RunStats stats = new RunStats(90, 5, 5, 0, 0.9, 0.9, 10, 0.5, 0.5, 12.0, 150.0, 2, 10.0, List.of());
            return new RunResult(v, List.of(r), stats, dir, "loopback", "");
        }
    }

    private CampaignResult run(FakeExecutor exec) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CampaignRunner runner = new CampaignRunner(exec, results, new PrintStream(out, true, StandardCharsets.UTF_8), false);
        CampaignResult r = runner.run(CampaignSpec.parse(YAML, "gate.yaml"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("[####################] 4/4"), text);
        return r;
    }

    @Test
    void expectationsDecidePassAndTheExitCode() throws Exception {
        FakeExecutor exec = new FakeExecutor(name -> name.contains("stale-reads") ? Verdict.INVALID
                : name.contains("no-dedupe") ? Verdict.VALID : Verdict.VALID);
        CampaignResult r = run(exec);
        assertEquals(4, exec.ran.size());
        assertEquals(List.of("PASS", "PASS", "PASS", "FAIL"), r.runs().stream().map(RunOutcome::status).toList());
        assertEquals(1, r.exitCode(), "an undetected fault mode fails the campaign");
        assertEquals(1, r.detection()[0]);
        assertEquals(2, r.detection()[1]);
        String summary = Files.readString(results.resolve("gate/summary.txt"));
        assertTrue(summary.contains("fault detection rate 1/2 (50%)"), summary);
        assertTrue(Files.readString(results.resolve("gate/summary.html")).contains("<table id=\"summary\">"));
        assertTrue(Files.readString(results.resolve("gate/summary.json")).contains("\"detection-rate\" : 0.5"));
        // the campaign rebuilt each run's full report
        Path someRun = Path.of(r.runs().getFirst().dir());
        assertTrue(Files.readString(someRun.resolve("report.html")).contains("id=\"latency-plot\""));
        assertTrue(Files.exists(someRun.resolve("latency.png")));
    }

    @Test
    void exitCodeCombinesRunsAsTheBriefSays() {
        RunSpec v = spec(Expectation.VALID);
        assertEquals(0, result(outcome(v, "valid")).exitCode());
        assertEquals(1, result(outcome(v, "valid"), outcome(v, "invalid")).exitCode());
        assertEquals(2, result(outcome(v, "valid"), outcome(v, "unknown")).exitCode());
        assertEquals(1, result(outcome(v, "unknown"), outcome(v, "invalid")).exitCode(), "an anomaly outranks unknown");
        assertEquals(3, result(outcome(v, "invalid"), outcome(v, "error")).exitCode(), "a harness failure outranks all");
        assertEquals(0, result(outcome(spec(Expectation.ANOMALY), "invalid")).exitCode(), "a detected fault passes");
    }

    @Test
    void aReRunSkipsFinishedRunsAndRetriesHarnessFailures() throws Exception {
        FakeExecutor first = new FakeExecutor(name -> name.endsWith("-s2") ? "cluster did not start" : name.contains("stale") || name.contains("dedupe") ? Verdict.INVALID : Verdict.VALID);
        CampaignResult r1 = run(first);
        assertEquals(4, first.ran.size());
        assertEquals(3, r1.exitCode());
        assertEquals("ERROR", r1.runs().get(1).status());

        FakeExecutor second = new FakeExecutor(name -> name.contains("stale") || name.contains("dedupe") ? Verdict.INVALID : Verdict.VALID);
        CampaignResult r2 = run(second);
        assertEquals(List.of("raftstore-register-partition-s2"), second.ran, "only the failed run runs again");
        assertEquals(0, r2.exitCode());
        assertEquals(List.of(true, false, true, true), r2.runs().stream().map(RunOutcome::resumed).toList());
        assertEquals(4, r2.passed());

        // a finished run whose folder was deleted runs again
        Path gone = Path.of(r2.runs().getFirst().dir());
        try (var s = Files.walk(gone)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        FakeExecutor third = new FakeExecutor(name -> name.contains("stale") || name.contains("dedupe") ? Verdict.INVALID : Verdict.VALID);
        run(third);
        assertEquals(List.of("raftstore-register-partition-s1"), third.ran);
    }

    @Test
    void junitXmlIsWellFormedWithOneTestcasePerRunAndAnomaliesInFailures() throws Exception {
        FakeExecutor exec = new FakeExecutor(name -> name.endsWith("-s1") ? Verdict.INVALID : name.endsWith("-s2") ? "no leader <within> 40 s & more"
                : name.contains("stale") ? Verdict.INVALID : Verdict.VALID);
        CampaignResult r = run(exec);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(results.resolve("gate/junit.xml").toFile());
        Element suites = doc.getDocumentElement();
        assertEquals("testsuites", suites.getTagName());
        assertEquals("4", suites.getAttribute("tests"));
        assertEquals("2", suites.getAttribute("failures"));
        assertEquals("1", suites.getAttribute("errors"));
        Element suite = (Element) suites.getElementsByTagName("testsuite").item(0);
        assertEquals("gate", suite.getAttribute("name"));
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(r.runs().size(), cases.getLength());
        Element c0 = (Element) cases.item(0);
        assertEquals("raftstore-register-partition-s1", c0.getAttribute("name"));
        Element failure = (Element) c0.getElementsByTagName("failure").item(0);
        assertEquals("anomaly", failure.getAttribute("type"));
        assertTrue(failure.getAttribute("message").contains("linearizable: stale-read: read of r1 returned 3 <after> a write"),
                failure.getAttribute("message"));
        Element error = (Element) ((Element) cases.item(1)).getElementsByTagName("error").item(0);
        assertEquals("no leader <within> 40 s & more", error.getAttribute("message"));
        Element undetected = (Element) ((Element) cases.item(3)).getElementsByTagName("failure").item(0);
        assertEquals("fault-not-detected", undetected.getAttribute("type"));
        for (int i = 0; i < cases.getLength(); i++) {
            Double.parseDouble(((Element) cases.item(i)).getAttribute("time"));
        }
    }

    private static RunSpec spec(Expectation e) {
        return new RunSpec("x", "raftstore", "register", List.of(), List.of(), 1, 0, 1, 1, 1, 1, 3, "auto", Map.of(), e);
    }

    private static RunOutcome outcome(RunSpec s, String verdict) {
        return new RunOutcome(s, verdict, CampaignState.passes(s.expect(), verdict), "", Map.of(), List.of(), null, 1,
                Double.NaN, Double.NaN, false);
    }

    private static CampaignResult result(RunOutcome... o) {
        return new CampaignResult("t", List.of(o), 1);
    }
}
