package io.faultline.report;

import io.faultline.runner.RunResult;
import io.faultline.test.TestDefinition;
import java.io.IOException;

/**
 * Renders a finished run's report for whoever asked for the run: the full page (plots with faults
 * shaded, timeline, anomaly links, PNGs), or the minimal one when the full one cannot be built, so a
 * run always ends with a readable report.html.
 */
public final class Reports {
    private Reports() {
    }

    /** Returns "" when the full report was written, else what went wrong (the minimal page was written). */
    public static String render(TestDefinition def, RunResult r) throws IOException {
        try {
            new ReportBuilder().build(r.dir());
            return "";
        } catch (ReportException | RuntimeException e) {
            new ReportHtml().write(r.dir().resolve("report.html"), def, r.verdict(), r.results(), r.stats());
            return "full report failed (" + e.getMessage() + "); wrote the minimal one";
        }
    }
}
