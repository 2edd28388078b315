package io.faultline.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** JSONL and EDN writers and readers agree with each other and with the brief's line format. */
class RoundTripTest {

    static History sample() {
        Map<String, Object> fault = new LinkedHashMap<>();
        fault.put("fault", "partition");
        fault.put("nodes", List.of("n1", "n2"));
        List<Op> ev = new ArrayList<>();
        ev.add(new Op(0, 12345, 3, OpType.INVOKE, "write", "k1", 5L, null, null));
        ev.add(new Op(1, 12400, 3, OpType.OK, "write", "k1", 5L, "n1", null));
        ev.add(new Op(2, 12500, Op.NEMESIS, OpType.INFO, "start-partition", null, fault, null, null));
        ev.add(new Op(3, 12600, 4, OpType.INVOKE, "cas", "k1", List.of(5L, 6L), null, null));
        ev.add(new Op(4, 12700, 4, OpType.INFO, "cas", "k1", List.of(5L, 6L), "n2", "timed-out"));
        ev.add(new Op(5, 12800, 5, OpType.INVOKE, "txn", null,
                List.of(List.of("append", "x", 3L), Arrays.asList("r", "y", null)), null, null));
        ev.add(new Op(6, 12900, 5, OpType.OK, "txn", null,
                List.of(List.of("append", "x", 3L), List.of("r", "y", List.of(1L, 2L))), null, null));
        ev.add(new Op(7, 13000, 6, OpType.INVOKE, "read", null, null, null, null));
        ev.add(new Op(8, 13100, 6, OpType.FAIL, "read", null, null, null, "no \"leader\"\n"));
        ev.add(new Op(9, 13200, 7, OpType.INVOKE, "write", null, "text value", null, null));
        return History.of(ev);
    }

    @Test
    void jsonlLineFormatIsTheBriefs() throws Exception {
        StringWriter w = new StringWriter();
        try (JsonlWriter jw = new JsonlWriter(w)) {
            jw.write(sample().events().get(0));
            jw.write(sample().events().get(2));
            jw.flush();
        }
        String[] lines = w.toString().split("\n");
        assertEquals("{\"index\":0,\"time\":12345,\"process\":3,\"type\":\"invoke\",\"f\":\"write\",\"key\":\"k1\",\"value\":5}",
                lines[0]);
        assertEquals("{\"index\":2,\"time\":12500,\"process\":\"nemesis\",\"type\":\"info\",\"f\":\"start-partition\","
                + "\"value\":{\"fault\":\"partition\",\"nodes\":[\"n1\",\"n2\"]}}", lines[1]);
    }

    @Test
    void jsonlRoundTrip() throws Exception {
        History h = sample();
        assertEquals(h.events(), readJsonl(writeJsonl(h)).events());
    }

    @Test
    void jsonlToEdnToJsonl() throws Exception {
        History h = sample();
        String edn = writeEdn(readJsonl(writeJsonl(h)));
        History back = EdnReader.read(new StringReader(edn), "h.edn");
        assertEquals(h.events(), back.events());
        assertEquals(writeJsonl(h), writeJsonl(back));
    }

    @Test
    void ednIsJepsenShaped() throws Exception {
        String edn = writeEdn(sample());
        String first = edn.split("\n")[0];
        assertEquals("{:index 0, :time 12345, :process 3, :type :invoke, :f :write, :key \"k1\", :value 5}", first);
        String txn = edn.split("\n")[6];
        assertEquals(true, txn.contains(":value [[:append \"x\" 3] [:r \"y\" [1 2]]]"), txn);
        assertEquals(true, edn.split("\n")[2].contains(":process :nemesis"));
    }

    @Test
    void ednVectorOfMapsAsJepsenWritesIt() throws Exception {
        String jepsen = """
                [{:type :invoke, :f :read, :value nil, :process 0, :time 10, :index 0}
                 {:type :ok, :f :read, :value 3, :process 0, :time 20, :index 1}
                 {:type :info, :f :start, :value nil, :process :nemesis, :time 25, :index 2}
                 {:type :invoke, :f :txn, :value [[:r :x nil]], :process 1, :time 30, :index 3}]
                """;
        History h = EdnReader.read(new StringReader(jepsen), "history.edn");
        assertEquals(4, h.size());
        assertEquals(3L, h.operations().get(0).value());
        assertEquals(Op.NEMESIS, h.events().get(2).process());
        assertEquals(Arrays.asList(Arrays.asList("r", "x", null)), h.events().get(3).value());
        assertEquals(4, h.lineOfIndex(3));
    }

    @Test
    void ednTopLevelListAsKnossosWritesItIsReadAndDetected() throws Exception {
        String knossos = """
                ({:process 0, :type :invoke, :f :write, :value 1}
                 {:process 0, :type :ok, :f :write, :value 1}
                 {:process 1, :type :invoke, :f :read, :value nil}
                 {:process 1, :type :ok, :f :read, :value 1})
                """;
        assertEquals(HistoryFormat.JEPSEN_EDN, HistoryReaders.detect(knossos, "knossos.edn"));
        History h = EdnReader.read(new StringReader(knossos), "knossos.edn");
        assertEquals(4, h.size());
        assertEquals(1L, h.operations().get(1).value());
        assertEquals(3, h.lineOfIndex(2));
        HistoryFormatException e = org.junit.jupiter.api.Assertions.assertThrows(HistoryFormatException.class,
                () -> EdnReader.read(new StringReader("({:process 0, :type :invoke, :f :read}"), "cut.edn"));
        assertEquals(true, e.getMessage().contains("expected )"), e.getMessage());
    }

    @Test
    void jepsenIndependentTuplesBecomeKeys(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("history.edn");
        java.nio.file.Files.writeString(f, """
                {:type :invoke, :f :write, :value [3 1], :process 0, :time 1, :index 0}
                {:type :ok, :f :write, :value [3 1], :process 0, :time 2, :index 1}
                {:type :info, :f :start, :value nil, :process :nemesis, :time 3, :index 2}
                {:type :invoke, :f :cas, :value [4 [1 2]], :process 1, :time 4, :index 3}
                {:type :fail, :f :cas, :value [4 [1 2]], :process 1, :time 5, :index 4}
                {:type :invoke, :f :read, :value [3 nil], :process 2, :time 6, :index 5}
                {:type :ok, :f :read, :value [3 1], :process 2, :time 7, :index 6}
                """);
        History h = HistoryReaders.read(f, null);
        assertEquals("3", h.events().get(0).key());
        assertEquals(1L, h.events().get(0).value());
        assertEquals(List.of(1L, 2L), h.events().get(3).value());
        assertEquals("4", h.operations().get(1).key());
        assertEquals(1L, h.operations().get(2).value());
        assertEquals(7, h.lineOfIndex(6));
        // A plain cas-register history is left alone: reads are invoked with nil.
        java.nio.file.Path g = dir.resolve("plain.edn");
        java.nio.file.Files.writeString(g, """
                {:type :invoke, :f :cas, :value [1 2], :process 1, :time 4, :index 0}
                {:type :invoke, :f :read, :value nil, :process 2, :time 6, :index 1}
                """);
        assertEquals(null, HistoryReaders.read(g, null).events().get(0).key());
    }

    private static String writeJsonl(History h) throws Exception {
        return write(h, JsonlWriter::new);
    }

    private static History readJsonl(String s) throws Exception {
        return JsonlReader.read(new StringReader(s), "h.jsonl");
    }

    private static String writeEdn(History h) throws Exception {
        return write(h, EdnWriter::new);
    }

    private static String write(History h, Function<Writer, HistoryWriter> format) throws Exception {
        StringWriter w = new StringWriter();
        HistoryWriter hw = format.apply(w);
        hw.writeAll(h);
        hw.flush();
        return w.toString();
    }
}
