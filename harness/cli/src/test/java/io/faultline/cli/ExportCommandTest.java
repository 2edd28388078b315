package io.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.history.History;
import io.faultline.history.HistoryFormat;
import io.faultline.history.HistoryReaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code faultline export FILE --format jepsen-edn}: the same history, in Jepsen's format. */
class ExportCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void jsonlExportedAsEdnReadsBackAsTheSameEventsAndVerdict() throws Exception {
        Path in = dir.resolve("h.jsonl");
        Files.write(in, List.of(
                "{\"index\":0,\"time\":10,\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"key\":\"k\",\"value\":1}",
                "{\"index\":1,\"time\":20,\"process\":0,\"type\":\"ok\",\"f\":\"write\",\"key\":\"k\",\"value\":1}",
                "{\"index\":2,\"time\":30,\"process\":\"nemesis\",\"type\":\"info\",\"f\":\"start-partition\",\"value\":\"n1\"}",
                "{\"index\":3,\"time\":40,\"process\":1,\"type\":\"invoke\",\"f\":\"cas\",\"key\":\"k\",\"value\":[1,2]}",
                "{\"index\":4,\"time\":50,\"process\":1,\"type\":\"info\",\"f\":\"cas\",\"key\":\"k\",\"value\":[1,2],"
                        + "\"error\":\"timed-out\"}",
                "{\"index\":5,\"time\":60,\"process\":2,\"type\":\"invoke\",\"f\":\"read\",\"key\":\"k\",\"value\":null}",
                "{\"index\":6,\"time\":70,\"process\":2,\"type\":\"ok\",\"f\":\"read\",\"key\":\"k\",\"value\":2}"));
        Path edn = dir.resolve("h.edn");
        CliRun r = run("export", in.toString(), "--format", "jepsen-edn", "--out", edn.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(HistoryFormat.JEPSEN_EDN, HistoryReaders.detect(edn));
        History a = HistoryReaders.read(in, null);
        History b = HistoryReaders.read(edn, null);
        assertEquals(a.events(), b.events());
        assertEquals(run("check", in.toString()).exit(), run("check", edn.toString()).exit());
    }

    @Test
    void anUnknownFormatIsRefusedWithExitThree() throws Exception {
        Path in = dir.resolve("e.jsonl");
        Files.writeString(in, "");
        CliRun r = run("export", in.toString(), "--format", "csv", "--out", dir.resolve("x").toString());
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("jepsen-edn"), r.err());
    }
}
