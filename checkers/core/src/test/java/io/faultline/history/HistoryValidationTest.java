package io.faultline.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pairing of invocations with completions, and every malformed-input rule with its line. */
class HistoryValidationTest {

    private static History jsonl(String... lines) throws Exception {
        return JsonlReader.read(new StringReader(String.join("\n", lines) + "\n"), "h.jsonl");
    }

    private static HistoryFormatException jsonlError(String... lines) {
        return assertThrows(HistoryFormatException.class, () -> jsonl(lines));
    }

    @Test
    void pairsInvocationsWithCompletionsAndTreatsAMissingOneAsInfo() throws Exception {
        History h = jsonl(
                "{\"index\":0,\"time\":1,\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"value\":1}",
                "{\"index\":1,\"time\":2,\"process\":1,\"type\":\"invoke\",\"f\":\"read\",\"value\":null}",
                "{\"index\":2,\"time\":3,\"process\":\"nemesis\",\"type\":\"info\",\"f\":\"kill\",\"value\":\"n1\"}",
                "{\"index\":3,\"time\":4,\"process\":1,\"type\":\"ok\",\"f\":\"read\",\"value\":1}",
                "{\"index\":4,\"time\":5,\"process\":0,\"type\":\"ok\",\"f\":\"write\",\"value\":1}",
                "{\"index\":5,\"time\":6,\"process\":2,\"type\":\"invoke\",\"f\":\"write\",\"value\":2}");
        List<Operation> ops = h.operations();
        assertEquals(3, ops.size());
        assertEquals(4, ops.get(0).completeIndex());
        assertEquals(OpType.OK, ops.get(1).outcome());
        assertEquals(1L, ops.get(1).value());
        assertNull(ops.get(2).completion());
        assertEquals(OpType.INFO, ops.get(2).outcome());
        assertTrue(ops.get(2).isInfo());
        assertEquals(1, h.nemesisEvents().size());
        assertEquals(6, h.size());
        assertEquals(4, h.lineOfIndex(3));
    }

    @Test
    void completionWithoutInvocation() {
        HistoryFormatException e = jsonlError(
                "{\"index\":0,\"time\":1,\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"value\":1}",
                "{\"index\":1,\"time\":2,\"process\":3,\"type\":\"ok\",\"f\":\"write\",\"value\":1}");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("h.jsonl:2: "), e.getMessage());
        assertTrue(e.getMessage().contains("no outstanding invocation"), e.getMessage());
    }

    @Test
    void twoOutstandingInvocationsOnOneProcess() {
        HistoryFormatException e = jsonlError(
                "{\"index\":0,\"time\":1,\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"value\":1}",
                "",
                "{\"index\":1,\"time\":2,\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"value\":null}");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("still outstanding") && e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void indexesGoingBackwards() {
        HistoryFormatException e = jsonlError(
                "{\"index\":5,\"time\":1,\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"value\":1}",
                "{\"index\":4,\"time\":2,\"process\":0,\"type\":\"ok\",\"f\":\"write\",\"value\":1}");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("index 4 does not increase"), e.getMessage());
    }

    @Test
    void unknownType() {
        HistoryFormatException e = jsonlError(
                "{\"index\":0,\"time\":1,\"process\":0,\"type\":\"done\",\"f\":\"write\",\"value\":1}");
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("unknown type \"done\"; expected invoke, ok, fail or info"));
    }

    @Test
    void completionOfAnotherFunction() {
        HistoryFormatException e = jsonlError(
                "{\"index\":0,\"time\":1,\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"value\":1}",
                "{\"index\":1,\"time\":2,\"process\":0,\"type\":\"ok\",\"f\":\"read\",\"value\":1}");
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    @Test
    void malformedJsonMissingFieldsAndBadProcess() {
        assertEquals(2, jsonlError(
                "{\"index\":0,\"time\":1,\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"value\":1}",
                "{\"index\":1,\"time\":2,").line());
        assertTrue(jsonlError("[1,2]").getMessage().contains("one JSON object per line"));
        assertTrue(jsonlError("{\"index\":0,\"process\":0,\"type\":\"invoke\",\"f\":\"w\"}").getMessage()
                .contains("missing field \"time\""));
        assertTrue(jsonlError("{\"index\":0,\"time\":0,\"process\":\"x\",\"type\":\"invoke\",\"f\":\"w\"}")
                .getMessage().contains("\"process\" must be a non-negative integer or \"nemesis\""));
        assertTrue(jsonlError("{\"index\":\"0\",\"time\":0,\"process\":0,\"type\":\"invoke\",\"f\":\"w\"}")
                .getMessage().contains("\"index\" must be an integer"));
        assertTrue(jsonlError("{\"index\":0,\"time\":0,\"process\":0,\"type\":\"invoke\",\"f\":\"w\"} x")
                .getMessage().contains("h.jsonl:1: "));
    }

    @Test
    void historyOfRejectsInvalidEventLists() {
        Op inv = new Op(0, 0, 1, OpType.INVOKE, "read", null, null, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> History.of(List.of(inv, inv.withIndex(1))));
        assertTrue(e.getMessage().contains("events:2"), e.getMessage());
    }

    @Test
    void ednMalformedInputNamesTheLine() {
        HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> EdnReader.read(new StringReader(
                "[{:process 0, :type :invoke, :f :read, :value nil}\n {:process 0, :type :ok, :f :read, :value 1}\n"
                        + " {:process 1, :type :bogus, :f :read, :value nil}]"), "h.edn"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("unknown :type"), e.getMessage());
        HistoryFormatException e2 = assertThrows(HistoryFormatException.class, () -> EdnReader.read(new StringReader(
                "{:process 0, :type :invoke, :f :read, :value nil}\n42\n"), "h.edn"));
        assertEquals(2, e2.line());
        HistoryFormatException e3 = assertThrows(HistoryFormatException.class, () -> EdnReader.read(new StringReader(
                "[{:process 0, :type :invoke, :f :read, :value nil}"), "h.edn"));
        assertTrue(e3.getMessage().contains("expected ]"), e3.getMessage());
        HistoryFormatException e4 = assertThrows(HistoryFormatException.class, () -> EdnReader.read(new StringReader(
                "{:process 0, :type :invoke, :f :read, :value nil}\n{:process 0 :type}\n"), "h.edn"));
        assertEquals(2, e4.line());
    }

    @Test
    void porcupineEtcdLogsKeepTheirMeaningAndRejectStrangeLines() throws Exception {
        History h = PorcupineEtcdReader.read(new StringReader(String.join("\n",
                "INFO  jepsen.util - 0\t:invoke\t:cas\t[1 4]",
                "INFO  jepsen.util - 1\t:invoke\t:read\tnil",
                "INFO  jepsen.util - 0\t:fail\t:cas\t[1 4]",
                "INFO  jepsen.util - 1\t:fail\t:read\t:timed-out",
                "INFO  jepsen.util - 1\t:invoke\t:write\t3",
                "INFO  jepsen.util - 1\t:info\t:write\t:timed-out")), "e.log");
        List<Operation> ops = h.operations();
        assertEquals(Errors.CAS_MISMATCH, ops.get(0).error());
        assertEquals(List.of(1L, 4L), ops.get(0).value());
        assertEquals(OpType.FAIL, ops.get(1).outcome());
        assertEquals(OpType.INFO, ops.get(2).outcome());
        HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> PorcupineEtcdReader.read(
                new StringReader("INFO  jepsen.util - 0\t:invoke\t:read\tnil\nWARN something else\n"), "e.log"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("expected 'INFO"), e.getMessage());
        assertThrows(HistoryFormatException.class, () -> PorcupineEtcdReader.read(
                new StringReader("INFO  jepsen.util - 0\t:invoke\t:cas\t[1]\n"), "e.log"));
    }

    @Test
    void detectsFormats() throws Exception {
        assertEquals(HistoryFormat.JSONL, HistoryReaders.detect("\n{\"index\":0}", "x"));
        assertEquals(HistoryFormat.JEPSEN_EDN, HistoryReaders.detect("[{:type :invoke}]", "x"));
        assertEquals(HistoryFormat.JEPSEN_EDN, HistoryReaders.detect("{:index 0, :type :invoke, :f :read}", "x"));
        assertEquals(HistoryFormat.PORCUPINE_KV,
                HistoryReaders.detect("{:process 0, :type :invoke, :f :get, :key \"1\", :value nil}", "x"));
        assertEquals(HistoryFormat.PORCUPINE_ETCD, HistoryReaders.detect("INFO  jepsen.util - 0\t:invoke", "x"));
        HistoryFormatException e = assertThrows(HistoryFormatException.class,
                () -> HistoryReaders.detect("\n\nhello", "x"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("--format"));
    }
}
