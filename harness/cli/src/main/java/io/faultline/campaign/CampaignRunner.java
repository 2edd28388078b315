package io.faultline.campaign;

import io.faultline.check.Anomaly;
import io.faultline.check.CheckResult;
import io.faultline.report.ReportBuilder;
import io.faultline.report.ReportException;
import io.faultline.runner.HarnessFailure;
import io.faultline.runner.Progress;
import io.faultline.runner.RunListener;
import io.faultline.runner.RunResult;
import io.faultline.test.NemesisSchedule;
import io.faultline.test.TestDefinition;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a campaign's runs one after another, skipping those an earlier invocation finished, with a
 * progress bar; after each run it rebuilds the run's full report and rewrites the summaries and
 * JUnit XML, so an interrupted campaign leaves consistent files behind.
 */
public final class CampaignRunner {
    private final RunExecutor executor;
    private final Path resultsRoot;
    private final PrintStream out;
    private final boolean terminal;

    public CampaignRunner(RunExecutor executor, Path resultsRoot, PrintStream out, boolean terminal) {
        this.executor = executor;
        this.resultsRoot = resultsRoot;
        this.out = out;
        this.terminal = terminal;
    }

    /** The campaign's folder: summaries, JUnit XML, state, and one folder per run. */
    public Path dirOf(CampaignSpec spec) {
        return resultsRoot.resolve(spec.name());
    }

    public CampaignResult run(CampaignSpec spec) throws CampaignException, InterruptedException {
        return run(spec, dirOf(spec));
    }

    /** Runs the campaign into {@code dir}: a shard runs its slice of a campaign into its own folder. */
    public CampaignResult run(CampaignSpec spec, Path dir) throws CampaignException, InterruptedException {
        CampaignState state = CampaignState.load(dir);
        List<RunOutcome> outcomes = new ArrayList<>();
        long t0 = System.nanoTime();
        int total = spec.runs().size();
        out.println("campaign " + spec.name() + ": " + total + " runs; results in " + dir);
        for (int i = 0; i < total; i++) {
            RunSpec rs = spec.runs().get(i);
            RunOutcome done = state.finished(rs);
            if (done != null) {
                outcomes.add(done);
                out.println(bar(i + 1, total) + " " + rs.id() + ": " + done.status() + " (finished earlier, skipped)");
                continue;
            }
            RunOutcome o = runOne(rs, dir, i, total);
            outcomes.add(o);
            state.record(o);
            out.println(bar(i + 1, total) + " " + rs.id() + ": " + o.status() + " (" + o.verdict()
                    + (o.spec().expect() == Expectation.ANOMALY ? ", expected an anomaly" : "") + ", "
                    + String.format(Locale.ROOT, "%.0f s", o.seconds()) + ")" + (o.passed() ? "" : " " + firstLine(o)));
            write(spec, outcomes, t0, dir);
        }
        CampaignResult result = write(spec, outcomes, t0, dir);
        out.println();
        out.print(Summary.text(result));
        out.println("summary: " + dir.resolve("summary.txt") + ", " + dir.resolve("summary.html") + ", "
                + dir.resolve("summary.json"));
        out.println("junit:   " + dir.resolve("junit.xml"));
        return result;
    }

    private CampaignResult write(CampaignSpec spec, List<RunOutcome> outcomes, long t0, Path dir) throws CampaignException {
        CampaignResult r = new CampaignResult(spec.name(), outcomes, (System.nanoTime() - t0) / 1e9);
        try {
            Summary.writeAll(r, dir);
        } catch (IOException e) {
            throw new CampaignException("cannot write the campaign summary in " + dir + ": " + e.getMessage(), e);
        }
        return r;
    }

    private RunOutcome runOne(RunSpec rs, Path dir, int i, int total) throws InterruptedException {
        long start = System.nanoTime();
        TestDefinition def;
        try {
            def = new TestDefinition(rs.id(), rs.environment(), rs.store(), rs.nodes(), rs.workload(),
                    new NemesisSchedule(rs.nemesis(), Duration.ofMillis((long) (rs.nemesisIntervalSeconds() * 1000))),
                    Duration.ofMillis((long) (rs.timeLimitSeconds() * 1000)), rs.concurrency(), rs.rate(), rs.seed(),
                    rs.storeFaults(), rs.options(), dir, false);
        } catch (IllegalArgumentException e) {
            return error(rs, e.getMessage(), start);
        }
        RunListener listener = new BarListener(rs.id(), i, total);
        if (!terminal) out.println(bar(i, total) + " " + rs.id() + ": running (seed " + rs.seed() + ")");
        RunResult result;
        try {
            result = executor.run(def, listener);
        } catch (HarnessFailure e) {
            clearLine();
            return error(rs, e.getMessage(), start);
        } catch (RuntimeException e) {
            clearLine();
            return error(rs, e.toString(), start);
        }
        clearLine();
        String message = "";
        try {
            new ReportBuilder().build(result.dir());
        } catch (ReportException e) {
            message = "report: " + e.getMessage();
        }
        Map<String, String> checkers = new LinkedHashMap<>();
        List<String> anomalies = new ArrayList<>();
        List<String> summaries = new ArrayList<>();
        for (CheckResult c : result.results()) {
            checkers.put(c.checker(), c.verdict().name().toLowerCase(Locale.ROOT));
            summaries.add(c.checker() + ": " + c.summary());
            for (Anomaly a : c.anomalies()) {
                String expl = a.explanation().lines().findFirst().orElse("");
                anomalies.add(c.checker() + ": " + a.type() + (expl.isEmpty() ? "" : ": " + expl));
            }
        }
        String verdict = result.verdict().name().toLowerCase(Locale.ROOT);
        if (message.isEmpty()) message = String.join("; ", summaries);
        if (!result.nonRecovery().isEmpty()) {
            // A store that did not come back after the final heal is a finding of its own: it fails a
            // run expected valid, and it is not the detection of a fault mode's anomaly either.
            message = "the store " + result.nonRecovery() + "; " + message;
            if (!verdict.equals("invalid")) verdict = "did-not-recover";
        }
        if (result.exitCode() == io.faultline.results.RunExit.HARNESS_FAILURE) {
            // Faults that did not happen make the run a harness failure, never a pass.
            return error(rs, "faults not verified: " + result.faultShortfall() + " (" + result.dir() + ")", start);
        }
        return new RunOutcome(rs, verdict, CampaignState.passes(rs.expect(), verdict), message, checkers, anomalies,
                result.dir().toAbsolutePath().toString(), (System.nanoTime() - start) / 1e9,
                result.stats().availability(), result.stats().p99Millis(), false);
    }

    private static RunOutcome error(RunSpec rs, String message, long start) {
        return new RunOutcome(rs, "error", false, message, Map.of(), List.of(), null, (System.nanoTime() - start) / 1e9,
                Double.NaN, Double.NaN, false);
    }

    private static String firstLine(RunOutcome o) {
        if (!o.anomalies().isEmpty()) return "- " + o.anomalies().getFirst();
        return o.message().isEmpty() ? "" : "- " + o.message().lines().findFirst().orElse("");
    }

    static String bar(int done, int total) {
        int width = 20;
        int filled = total == 0 ? width : (int) ((long) done * width / total);
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + done + "/" + total;
    }

    private void clearLine() {
        if (terminal) out.print("\r\033[K");
    }

    /** Redraws one progress line on a terminal: campaign position, run, phase and op counts. */
    private final class BarListener implements RunListener {
        private final String id;
        private final int index, total;

        BarListener(String id, int index, int total) {
            this.id = id;
            this.index = index;
            this.total = total;
        }

        @Override
        public void message(String line) {
            // per-run chatter stays out of the campaign's output; the run folder has the details
        }

        @Override
        public void progress(Progress p) {
            if (!terminal) return;
            out.print("\r\033[K" + bar(index, total) + " " + id + " " + p.phase() + " "
                    + String.format(Locale.ROOT, "%.0f/%.0fs ok %d fail %d info %d%s", p.elapsedSeconds(), p.limitSeconds(),
                    p.ok(), p.fail(), p.info(), p.activeFaults().isEmpty() ? "" : " faults " + String.join(",", p.activeFaults())));
            out.flush();
        }
    }
}
