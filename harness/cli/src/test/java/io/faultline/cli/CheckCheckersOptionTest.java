package io.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code faultline check --checker}: the anomaly checkers on any readable history. */
class CheckCheckersOptionTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** Process 1 writes 2 after 1 was written, then reads 1: a read-your-writes violation. */
    private Path readYourWrites() throws Exception {
        Path p = dir.resolve("ryw.jsonl");
        Files.write(p, List.of(
                "{\"index\":0,\"time\":0,\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"key\":\"x\",\"value\":1}",
                "{\"index\":1,\"time\":10,\"process\":0,\"type\":\"ok\",\"f\":\"write\",\"key\":\"x\",\"value\":1}",
                "{\"index\":2,\"time\":20,\"process\":1,\"type\":\"invoke\",\"f\":\"write\",\"key\":\"x\",\"value\":2}",
                "{\"index\":3,\"time\":30,\"process\":1,\"type\":\"ok\",\"f\":\"write\",\"key\":\"x\",\"value\":2}",
                "{\"index\":4,\"time\":40,\"process\":1,\"type\":\"invoke\",\"f\":\"read\",\"key\":\"x\",\"value\":null}",
                "{\"index\":5,\"time\":50,\"process\":1,\"type\":\"ok\",\"f\":\"read\",\"key\":\"x\",\"value\":1}"));
        return p;
    }

    @Test
    void sessionCheckersNameTheViolationAndExitOne() throws Exception {
        CliRun r = run("check", readYourWrites().toString(), "--checker", "read-your-writes,monotonic-reads");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("read-your-writes: invalid"), r.out());
        assertTrue(r.out().contains("monotonic-reads: valid"), r.out());
        assertTrue(r.out().contains("did not read its own write"), r.out());
    }

    @Test
    void linearizableAmongOthersUsesTheInferredModel() throws Exception {
        CliRun r = run("check", readYourWrites().toString(), "--checker", "monotonic-writes,linearizable");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("linearizable: invalid"), r.out());
        assertTrue(r.out().contains("monotonic-writes: valid"), r.out());
    }

    @Test
    void jsonCombinesVerdicts() throws Exception {
        CliRun r = run("check", readYourWrites().toString(), "--checker", "read-your-writes", "--json");
        assertEquals(1, r.exit(), r.err());
        String compact = r.out().replaceAll("\\s+", "");
        assertTrue(compact.startsWith("{\"file\":"), r.out());
        assertTrue(compact.contains("\"verdict\":\"invalid\",\"exit-code\":1"), r.out());
        assertTrue(compact.contains("\"checkers\":[{\"checker\":\"read-your-writes\",\"verdict\":\"invalid\""), r.out());
    }

    @Test
    void unknownCheckerExitsThreeListingTheKnownOnes() throws Exception {
        CliRun r = run("check", readYourWrites().toString(), "--checker", "set,bogus");
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("unknown checker \"bogus\""), r.err());
        assertTrue(r.err().contains("list-append"), r.err());
    }

    @Test
    void unsuitableHistoryExitsThreeNamingTheLine() throws Exception {
        CliRun r = run("check", readYourWrites().toString(), "--checker", "list-append");
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("ryw.jsonl:1"), r.err());
    }
}
