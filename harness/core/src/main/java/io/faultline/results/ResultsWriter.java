package io.faultline.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.faultline.check.Anomaly;
import io.faultline.check.CheckResult;
import io.faultline.check.Verdict;
import io.faultline.results.RunStats;
import io.faultline.test.TestDefinition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes test.json and results.json. */
public final class ResultsWriter {
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void writeTest(Path file, TestDefinition def, Map<String, Object> extra) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", def.name());
        m.put("environment", def.environment());
        m.put("store", def.store());
        m.put("nodes", def.nodes());
        m.put("workload", def.workload());
        m.put("nemesis", def.nemesis().faults());
        m.put("nemesis-interval-s", def.nemesis().interval().toMillis() / 1000.0);
        m.put("time-limit-s", def.timeLimit().toMillis() / 1000.0);
        m.put("concurrency", def.concurrency());
        m.put("rate", def.rate());
        m.put("seed", def.seed());
        m.put("store-faults", def.storeFaults());
        m.put("options", def.options());
        m.put("leave-running", def.leaveRunning());
        m.putAll(extra);
        json.writeValue(file.toFile(), m);
    }

    public void writeResults(Path file, Verdict verdict, List<CheckResult> results, RunStats stats,
                             Map<String, Object> extra) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", verdict.name().toLowerCase(java.util.Locale.ROOT));
        m.put("exit-code", RunExit.of(verdict, String.valueOf(extra.getOrDefault("fault-shortfall", "")),
                String.valueOf(extra.getOrDefault("non-recovery", ""))));
        List<Map<String, Object>> checkers = new ArrayList<>();
        for (CheckResult r : results) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("checker", r.checker());
            c.put("verdict", r.verdict().name().toLowerCase(java.util.Locale.ROOT));
            c.put("summary", r.summary());
            List<Map<String, Object>> anomalies = new ArrayList<>();
            for (Anomaly a : r.anomalies()) {
                Map<String, Object> am = new LinkedHashMap<>();
                am.put("type", a.type());
                am.put("explanation", a.explanation());
                am.put("ops", a.opIndexes());
                anomalies.add(am);
            }
            c.put("anomalies", anomalies);
            c.put("details", r.details());
            checkers.add(c);
        }
        m.put("checkers", checkers);
        m.put("stats", statsMap(stats));
        m.putAll(extra);
        json.writeValue(file.toFile(), m);
    }

    static Map<String, Object> statsMap(RunStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", s.ok());
        m.put("fail", s.fail());
        m.put("info", s.info());
        m.put("availability", finite(s.availability()));
        m.put("ops-during-faults", s.faultOps());
        m.put("availability-during-faults", finite(s.faultAvailability()));
        m.put("latency-p50-ms", finite(s.p50Millis()));
        m.put("latency-p99-ms", finite(s.p99Millis()));
        m.put("answered-fail", s.answered());
        m.put("success-rate", finite(s.successRate()));
        m.put("success-rate-during-faults", finite(s.faultSuccessRate()));
        m.put("faults", s.faults());
        m.put("duration-s", s.durationSeconds());
        List<Map<String, Object>> kinds = new ArrayList<>();
        for (io.faultline.history.FaultLog.Tally t : s.faultTallies()) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("fault", t.kind());
            k.put("starts", t.starts());
            k.put("starts-verified", t.startsVerified());
            k.put("heals", t.stops());
            k.put("heals-verified", t.stopsVerified());
            k.put("problems", t.problems());
            kinds.add(k);
        }
        m.put("fault-verification", kinds);
        return m;
    }

    private static Object finite(double d) {
        return Double.isFinite(d) ? d : null;
    }
}
