package io.faultline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.history.History;
import io.faultline.history.JsonlReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class FiguresTest {
    private static final long MS = 1_000_000;

    /** Two partitions and a kill, one healed by heal-all; ops inside and outside them. */
    private static History history() throws Exception {
        String s = String.join("\n",
                op(0, 0, "0", "invoke", "write", "1"),
                op(1, 10, "0", "ok", "write", "1"),
                nem(2, 100, "invoke", "start-partition"),
                nem(3, 110, "info", "start-partition"),
                op(4, 120, "1", "invoke", "read", "null"),
                op(5, 170, "1", "fail", "read", "null"),
                nem(6, 300, "invoke", "stop-partition"),
                nem(7, 310, "info", "stop-partition"),
                op(8, 320, "0", "invoke", "read", "null"),
                op(9, 330, "0", "ok", "read", "1"),
                nem(10, 400, "invoke", "start-kill"),
                nem(11, 420, "info", "start-kill"),
                op(12, 430, "1", "invoke", "write", "2"),
                op(13, 900, "1", "info", "write", "2"),
                nem(14, 950, "invoke", "heal-all"),
                nem(15, 960, "info", "heal-all"),
                op(16, 1000, "0", "invoke", "read", "null"),
                op(17, 1040, "0", "ok", "read", "2"));
        return JsonlReader.read(new StringReader(s), "test");
    }

    private static String op(int i, long ms, String p, String type, String f, String v) {
        return "{\"index\":" + i + ",\"time\":" + ms * MS + ",\"process\":" + p + ",\"type\":\"" + type + "\",\"f\":\"" + f
                + "\",\"value\":" + v + "}";
    }

    private static String nem(int i, long ms, String type, String f) {
        return "{\"index\":" + i + ",\"time\":" + ms * MS + ",\"process\":\"nemesis\",\"type\":\"" + type + "\",\"f\":\"" + f
                + "\",\"value\":" + (type.equals("info") && f.startsWith("start") ? "{\"nodes\":[\"n1\"]}" : "null") + "}";
    }

    @Test
    void faultIntervalsRunFromStartCompletionToStopOrHealAll() throws Exception {
        Figures f = Figures.of(history());
        List<FaultInterval> fi = f.faults();
        assertEquals(2, fi.size());
        assertEquals("partition", fi.get(0).fault());
        assertEquals(110 * MS, fi.get(0).fromNanos());
        assertEquals(300 * MS, fi.get(0).toNanos());
        assertEquals("kill", fi.get(1).fault());
        assertEquals(420 * MS, fi.get(1).fromNanos());
        assertEquals(950 * MS, fi.get(1).toNanos(), "heal-all ends the kill");
        assertEquals("{nodes [n1]}", fi.get(0).detail());
    }

    @Test
    void availabilityOverallDuringFaultsAndPerFault() throws Exception {
        Figures f = Figures.of(history());
        assertEquals(3, f.overall().ok());
        assertEquals(1, f.overall().fail());
        assertEquals(1, f.overall().info());
        assertEquals(0.6, f.overall().ratio(), 1e-9);
        assertEquals(2, f.duringFaults().total());
        assertEquals(0, f.duringFaults().ok());
        assertEquals(List.of("kill", "partition"), f.perFault().stream().map(Figures.Availability::label).toList());
        assertEquals(1, f.perFault().get(0).info());
        assertEquals(1, f.perFault().get(1).fail());
    }

    @Test
    void latencyQuantilesOfOkOps() throws Exception {
        Figures f = Figures.of(history());
        // ok latencies: 10, 10, 40 ms
        assertEquals(3, f.latency().count());
        assertEquals(10.0, f.latency().p50(), 1e-9);
        assertEquals(40.0, f.latency().p99(), 1e-9);
        assertEquals(40.0, f.latency().max(), 1e-9);
        assertEquals(List.of("read", "write"), f.latencyPerF().stream().map(Figures.Quantiles::label).toList());
        assertTrue(f.bucketSeconds() > 0 && f.okPerSecond().length >= 1);
    }
}
