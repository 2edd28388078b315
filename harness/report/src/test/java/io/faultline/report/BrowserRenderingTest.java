package io.faultline.report;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.faultline.serve.ResultsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens report.html and the serve UI in headless chromium, checks that the scripts ran and the
 * key elements rendered, and saves screenshots under target/screenshots/. Skipped, with the reason
 * printed, where chromium is not installed.
 */
class BrowserRenderingTest {
    static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    Path tmp;

    @Test
    void reportRendersPlotsTimelineAndFollowsAnomalyLinks() throws Exception {
        Optional<Chromium> c = Chromium.find(tmp);
        assumeTrue(c.isPresent(), "chromium is not installed");
        Path dir = Fixtures.copy(Fixtures.STALE, tmp.resolve("results"), "stale", "20260101T000000");
        Path report = new ReportBuilder().build(dir).report();
        String url = report.toUri().toString();

        String dom = c.get().dumpDom(url);
        assertTrue(dom.contains("data-timeline=\"ready\""), "the timeline script ran");
        assertTrue(dom.contains("<svg id=\"latency-plot\""), "latency plot");
        assertTrue(dom.contains("<svg id=\"throughput-plot\""), "throughput plot");
        assertTrue(dom.contains("<svg id=\"timeline-svg\""), "timeline drawn");
        assertTrue(dom.contains("<rect class=\"op ok\""), "operations drawn in the timeline");
        assertTrue(dom.contains("class=\"tfault\""), "faults overlaid on the timeline");
        assertTrue(dom.contains("class=\"anomaly-op\""), "anomaly links");

        // following an anomaly's link moves the timeline to that op and selects it
        String op = between(dom, "class=\"anomaly-op\" href=\"#op-", "\"");
        String linked = c.get().dumpDom(url + "#op-" + op);
        assertTrue(linked.matches("(?s).*<rect class=\"op [a-z]+ sel\" data-i=\"\\d+\" data-op=\"\\d+\".*"), "the linked op is selected");
        assertTrue(between(linked, "<div id=\"op-detail\">", "</div>").contains("index "), "its details are shown");

        c.get().screenshot(url, SHOTS.resolve("report.png"), 1300, 5200);
        // a viewport taller than the page, so the scroll to the timeline cannot leave the capture blank
        c.get().screenshot(url + "#op-" + op, SHOTS.resolve("report-anomaly-link.png"), 1300, 5200);
    }

    @Test
    void serveUiListsRunsAndComparesThem() throws Exception {
        Optional<Chromium> c = Chromium.find(tmp);
        assumeTrue(c.isPresent(), "chromium is not installed");
        Path root = Files.createDirectories(tmp.resolve("results"));
        Fixtures.copy(Fixtures.VALID, root, "valid-run", "20260101T000000");
        new ReportBuilder().build(Fixtures.copy(Fixtures.STALE, root, "stale-run", "20260102T000000"));
        try (ResultsServer server = new ResultsServer(root, "127.0.0.1", 0)) {
            server.start();
            String dom = c.get().dumpDom(server.url());
            assertTrue(dom.contains("<table id=\"runs\">"));
            assertTrue(dom.split("<tr class=\"run\"", -1).length - 1 == 2, "two runs listed");
            assertTrue(dom.contains("class=\"invalid\">invalid</td>") && dom.contains("class=\"valid\">valid</td>"));
            c.get().screenshot(server.url(), SHOTS.resolve("serve-runs.png"), 1300, 500);
            String cmp = server.url() + "compare?a=valid-run/20260101T000000&b=stale-run/20260102T000000";
            String cdom = c.get().dumpDom(cmp);
            assertTrue(cdom.contains("<table id=\"compare-table\">"));
            c.get().screenshot(cmp, SHOTS.resolve("serve-compare.png"), 1300, 1200);
            String report = c.get().dumpDom(server.url() + "runs/stale-run/20260102T000000/report.html");
            assertTrue(report.contains("data-timeline=\"ready\""), "a report opened through serve runs its scripts");
        }
    }

    private static String between(String s, String a, String b) {
        int i = s.indexOf(a);
        assertTrue(i >= 0, "missing " + a);
        i += a.length();
        return s.substring(i, s.indexOf(b, i));
    }
}
