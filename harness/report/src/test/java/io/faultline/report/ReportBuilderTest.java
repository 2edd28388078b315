package io.faultline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.results.HistoryStats;
import io.faultline.results.RunStats;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportBuilderTest {
    @TempDir
    Path root;

    @Test
    void failedAndUnverifiedFaultStartsAreListedNotDropped() throws Exception {
        Path dir = Fixtures.copy(Fixtures.VALID, root, "t", "20260101T000000");
        Path history = dir.resolve("history.jsonl");
        long n = Files.readAllLines(history).size();
        Files.writeString(history, String.join("\n",
                "{\"index\":" + n + ",\"time\":15400000000,\"process\":\"nemesis\",\"type\":\"invoke\",\"f\":\"start-partition\",\"value\":null}",
                "{\"index\":" + (n + 1) + ",\"time\":15400100000,\"process\":\"nemesis\",\"type\":\"info\",\"f\":\"start-partition\","
                        + "\"value\":{\"fault\":\"partition\",\"verified\":false,\"reason\":\"iptables: No such file or directory\"},"
                        + "\"error\":\"iptables: No such file or directory\"}",
                "{\"index\":" + (n + 2) + ",\"time\":15500000000,\"process\":\"nemesis\",\"type\":\"invoke\",\"f\":\"start-kill\",\"value\":null}",
                "{\"index\":" + (n + 3) + ",\"time\":15500100000,\"process\":\"nemesis\",\"type\":\"info\",\"f\":\"start-kill\","
                        + "\"value\":{\"fault\":\"kill\",\"nodes\":[\"n2\"],\"verified\":true,\"evidence\":\"no process of [n2] runs\"}}",
                "") , java.nio.file.StandardOpenOption.APPEND);
        String html = Files.readString(new ReportBuilder().build(dir).report());
        String faults = html.substring(html.indexOf("<h2>Faults</h2>"), html.indexOf("</table>", html.indexOf("<h2>Faults</h2>")));
        assertTrue(faults.contains("<tr class=\"unverified\">") && faults.contains("iptables: No such file or directory"), faults);
        assertTrue(faults.contains("<td>NO</td>"), "the failed start says it was not verified");
        assertTrue(faults.contains("<tr class=\"verified\">") && faults.contains("no process of [n2] runs"), faults);
        assertTrue(faults.contains("kill 1/1 verified") && faults.contains("partition 0/"), faults);
    }

    @Test
    void validRunWithPartitionsHasPlotsFaultBandsTimelineAndPngs() throws Exception {
        Path dir = Fixtures.copy(Fixtures.VALID, root, "t", "20260101T000000");
        ReportBuilder.Written w = new ReportBuilder().build(dir);
        String html = Files.readString(w.report());
        RunFolder run = RunFolder.read(dir);

        assertTrue(html.contains("<svg id=\"latency-plot\""), "latency plot");
        assertTrue(html.contains("<svg id=\"throughput-plot\""), "throughput plot");
        assertTrue(html.contains("class=\"badge valid\""), "verdict badge");
        assertTrue(html.contains("linearizable"), "checker row");
        // every fault interval is shaded on both plots and listed
        int faults = w.figures().faults().size();
        assertTrue(faults >= 1, "the fixture has partitions");
        assertEquals(2 * faults, count(html, "<g class=\"fault\">"));
        assertTrue(html.contains("<table id=\"faults\">"));
        // header carries store, workload, nemesis, seed, options
        for (String k : new String[]{"store", "workload", "nemesis", "seed", "store-version", "concurrency"}) {
            assertTrue(html.contains("<th>" + k + "</th>"), "test table has " + k);
        }
        // the timeline data is valid JSON with one entry per client operation and one per nemesis
        // start, stop and final heal, the latter in lane 0, the nemesis lane
        JsonNode data = timelineData(html);
        io.faultline.history.FaultLog log = io.faultline.history.FaultLog.of(run.history().events());
        int nemesisOps = log.actions().size() + log.finalHeals().size();
        assertTrue(nemesisOps > 0, "the fixture has nemesis ops");
        assertEquals(run.history().operations().size() + nemesisOps, data.get("ops").size());
        assertEquals("nemesis", data.get("laneNames").get(0).asText());
        int inLaneZero = 0;
        for (JsonNode op : data.get("ops")) if (op.get(0).asInt() == 0) inLaneZero++;
        assertEquals(nemesisOps, inLaneZero, "client ops never share the nemesis lane");
        assertEquals(faults, data.get("faults").size());
        // no network: nothing is loaded from elsewhere
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no external references");
        // PNGs exist and are images of the stated size
        for (Path png : w.pngs()) {
            BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, png + " is a PNG");
            assertEquals(1200, img.getWidth());
        }
    }

    @Test
    void figuresAgreeWithTheRunnersOwnStatistics() throws Exception {
        RunFolder run = RunFolder.read(Fixtures.copy(Fixtures.VALID, root, "t", "20260101T000000"));
        Figures f = Figures.of(run.history());
        RunStats s = HistoryStats.of(run.history());
        assertEquals(s.ok(), f.overall().ok());
        assertEquals(s.fail(), f.overall().fail());
        assertEquals(s.info(), f.overall().info());
        assertEquals(s.availability(), f.overall().ratio(), 1e-9);
        assertEquals(s.faultOps(), f.duringFaults().total());
        assertEquals(s.p50Millis(), f.latency().p50(), 1e-6);
        assertEquals(s.p99Millis(), f.latency().p99(), 1e-6);
        assertTrue(f.latency().p50() <= f.latency().p95() && f.latency().p95() <= f.latency().p99());
        long perFault = f.perFault().stream().mapToLong(Figures.Availability::total).sum();
        assertTrue(perFault >= f.duringFaults().total(), "each op in a fault counts for that fault");
        double okFromBuckets = 0;
        for (double r : f.okPerSecond()) okFromBuckets += r;
        // rates times bucket width sum back to the ok count (the last bucket may be partial)
        assertTrue(Math.abs(okFromBuckets * f.bucketSeconds() - f.overall().ok()) <= f.overall().ok() * 0.05 + 5,
                "throughput buckets sum to the ok count");
    }

    @Test
    void anomaliesLinkToTheirOperationsAndTheCounterexampleIsDrawn() throws Exception {
        Path dir = Fixtures.copy(Fixtures.STALE, root, "t", "20260101T000001");
        String html = Files.readString(new ReportBuilder().build(dir).report());
        RunFolder run = RunFolder.read(dir);
        assertEquals("invalid", run.verdict());
        assertTrue(html.contains("class=\"badge invalid\""));
        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        Set<String> linked = new HashSet<>();
        Matcher m = Pattern.compile("class=\"anomaly-op\" href=\"#op-\\d+\" data-op=\"(\\d+)\"").matcher(html);
        while (m.find()) linked.add(m.group(1));
        int anomalies = 0;
        JsonNode data = timelineData(html);
        Set<String> inTimeline = new HashSet<>();
        for (JsonNode op : data.get("ops")) {
            inTimeline.add(op.get(8).asText());
            inTimeline.add(op.get(9).asText());
        }
        for (JsonNode c : results.get("checkers")) {
            for (JsonNode a : c.get("anomalies")) {
                anomalies++;
                assertTrue(html.contains(Html.esc(a.get("explanation").asText())), "explanation shown: " + a.get("type"));
                for (JsonNode op : a.get("ops")) {
                    assertTrue(linked.contains(op.asText()), "anomaly op " + op + " is linked");
                    assertTrue(inTimeline.contains(op.asText()), "anomaly op " + op + " is in the timeline");
                }
            }
        }
        assertTrue(anomalies > 0);
        assertTrue(html.contains("id=\"counterexample\""), "counterexample drawing");
        assertTrue(html.contains("class='blocked'") && html.contains("id='first-blocked'"), "the ops that could not be linearized are drawn");
    }

    @Test
    void missingHistoryIsAClearError() throws Exception {
        Path dir = Files.createDirectories(root.resolve("empty"));
        ReportException e = org.junit.jupiter.api.Assertions.assertThrows(ReportException.class, () -> new ReportBuilder().build(dir));
        assertTrue(e.getMessage().contains("no history.jsonl"), e.getMessage());
    }

    static JsonNode timelineData(String html) throws Exception {
        int a = html.indexOf("<script type=\"application/json\" id=\"timeline-data\">");
        assertTrue(a >= 0, "timeline data");
        a = html.indexOf('>', a) + 1;
        int b = html.indexOf("</script>", a);
        return new ObjectMapper().readTree(html.substring(a, b));
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) n++;
        return n;
    }
}
