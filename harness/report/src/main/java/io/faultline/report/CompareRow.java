package io.faultline.report;

import io.faultline.history.OpType;
import io.faultline.history.Operation;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One store's run in a comparison, read back from its run folder: what {@code faultline compare}
 * puts side by side. Throughput counts ok ops invoked in the main phase (the measured phase: not
 * the heal, settle and final reads, and nothing from a store's warm-up, which never enters the
 * history); latencies are of every ok op; availability is given overall and per fault kind.
 *
 * @param okOps            ok ops invoked in the main phase
 * @param okPerSecond      okOps over the main phase's length
 * @param availabilityPerFault per fault kind, the share of ops invoked while it was active that got a
 *                         definite answer (NaN: no op ran during it)
 * @param checkers         verdict per checker
 * @param settings         the store processes' settings from test.json (JVM options, flags, warm-up)
 * @param harnessCpuMsPerOp CPU the harness JVM spent per op in the main phase (NaN: not recorded)
 */
public record CompareRow(String store, String workload, long seed, Path dir, long okOps, double okPerSecond,
                         double p50Millis, double p99Millis, double availability, Map<String, Double> availabilityPerFault,
                         String verdict, Map<String, String> checkers, Map<String, String> settings,
                         double harnessCpuMsPerOp) {

    public CompareRow {
        availabilityPerFault = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(availabilityPerFault));
        checkers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checkers));
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    public static CompareRow of(RunFolder run) {
        Figures fig = Figures.of(run.history());
        double limitS = run.test().timeLimitS() == null ? Double.NaN : run.test().timeLimitS();
        long limitNanos = (long) (limitS * 1e9);
        long ok = 0;
        for (Operation o : run.history().operations()) {
            if (o.outcome() == OpType.OK && o.invokeTime() <= limitNanos) ok++;
        }
        Map<String, Double> perFault = new LinkedHashMap<>();
        for (Figures.Availability a : fig.perFault()) perFault.put(a.label(), a.ratio());
        Map<String, String> checkers = new LinkedHashMap<>();
        for (Map<String, Object> c : run.checkers()) checkers.put(String.valueOf(c.get("checker")), String.valueOf(c.get("verdict")));
        Map<String, String> settings = new LinkedHashMap<>();
        if (run.test().storeProcessSettings() != null) settings.putAll(run.test().storeProcessSettings());
        double cpu = Double.NaN;
        if (run.results() != null && run.results().harnessCpu() != null && run.results().harnessCpu().cpuMsPerOp() != null) {
            cpu = run.results().harnessCpu().cpuMsPerOp();
        }
        return new CompareRow(RunFolder.or(run.test().store(), "?"), RunFolder.or(run.test().workload(), "?"),
                run.test().seed() == null ? 0 : run.test().seed(), run.dir(), ok,
                limitS > 0 ? ok / limitS : Double.NaN, fig.latency().p50(), fig.latency().p99(), fig.overall().ratio(),
                perFault, run.verdict(), checkers, settings, cpu);
    }
}
