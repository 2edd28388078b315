package io.faultline.cli;

import io.faultline.check.CheckResult;
import io.faultline.runner.Progress;
import io.faultline.runner.RunListener;
import io.faultline.runner.RunResult;
import io.faultline.results.RunStats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code faultline run} prints: step messages, a live progress line on a terminal (rewritten
 * in place) or a plain line every 10 seconds otherwise, and the closing verdict lines.
 */
final class RunOutput implements RunListener {
    private static final int PLAIN_EVERY_SECONDS = 10;

    private final PrintStream out;
    private final boolean terminal;
    private boolean lineOpen;
    private int ticks;

    RunOutput(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Whether standard output is a terminal (Linux: fd 1 links to a tty or pty). */
    static boolean stdoutIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    @Override
    public synchronized void message(String line) {
        progressDone();
        out.println("faultline: " + line);
        out.flush();
    }

    @Override
    public synchronized void progress(Progress p) {
        String line = line(p);
        if (terminal) {
            out.print("\r\u001b[2K" + line);
            lineOpen = true;
            out.flush();
        } else if (++ticks % PLAIN_EVERY_SECONDS == 0) {
            out.println("faultline: " + line);
            out.flush();
        }
    }

    @Override
    public synchronized void progressDone() {
        ticks = 0;
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
    }

    static String line(Progress p) {
        return String.format(Locale.ROOT, "%s %5.0f/%.0f s  ok %d  fail %d  info %d  %.0f ops/s  faults: %s",
                p.phase(), p.elapsedSeconds(), p.limitSeconds(), p.ok(), p.fail(), p.info(), p.opsPerSecond(),
                p.activeFaults().isEmpty() ? "none" : String.join(",", p.activeFaults()));
    }

    synchronized void summary(RunResult r) {
        progressDone();
        for (CheckResult c : r.results()) {
            out.println(c.checker() + ": " + c.verdict().name().toLowerCase(Locale.ROOT) + " - " + c.summary());
            c.anomalies().stream().limit(3).forEach(a -> out.println("  " + a.type() + ": " + a.explanation()));
            if (c.anomalies().size() > 3) out.println("  ... " + (c.anomalies().size() - 3) + " more in results.json");
        }
        RunStats s = r.stats();
        out.println(String.format(Locale.ROOT, "ops: %d ok, %d fail (%d of them answered \"no\" by the store), %d info",
                s.ok(), s.fail(), s.answered(), s.info()));
        out.println("availability: " + pct(s.availability()) + " overall, " + pct(s.faultAvailability())
                + " while a fault was active (" + s.faultOps() + " ops, " + s.faults() + " faults); success rate "
                + pct(s.successRate()) + " overall, " + pct(s.faultSuccessRate()) + " during faults");
        out.println("faults: " + s.faultLine());
        if (!r.faultShortfall().isEmpty()) {
            out.println("FAULTS NOT VERIFIED: " + r.faultShortfall());
            out.println("  the test did not do what was asked, so it cannot be valid (exit 3); see the Faults table in report.html");
        }
        if (r.recovery().notRecovered()) {
            out.println("FINDING: the store " + r.recovery().line());
            out.println("  every fault was healed, yet the store did not serve again: a finding about the store (exit 1)");
        } else {
            out.println("recovery: " + r.recovery().line());
        }
        out.println(String.format(Locale.ROOT, "latency: p50 %s, p99 %s", ms(s.p50Millis()), ms(s.p99Millis())));
        out.println("results: " + r.dir());
        out.println("verdict: " + r.outcome() + " (exit " + r.exitCode() + ")");
        out.flush();
    }

    private static String pct(double d) {
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%.1f%%", d * 100) : "n/a";
    }

    private static String ms(double d) {
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%.1f ms", d) : "n/a";
    }
}
