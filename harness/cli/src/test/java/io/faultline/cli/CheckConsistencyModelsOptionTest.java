package io.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code faultline check --checker list-append --consistency-models M --anomalies A}. */
class CheckConsistencyModelsOptionTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Write skew: two concurrent txns each read the key the other appends to, both empty. */
    private Path writeSkew() throws Exception {
        Path p = dir.resolve("skew.jsonl");
        Files.write(p, List.of(
                "{\"index\":0,\"time\":0,\"process\":0,\"type\":\"invoke\",\"f\":\"txn\",\"value\":[[\"r\",\"x\",null],[\"append\",\"y\",1]]}",
                "{\"index\":1,\"time\":1,\"process\":1,\"type\":\"invoke\",\"f\":\"txn\",\"value\":[[\"r\",\"y\",null],[\"append\",\"x\",2]]}",
                "{\"index\":2,\"time\":2,\"process\":0,\"type\":\"ok\",\"f\":\"txn\",\"value\":[[\"r\",\"x\",[]],[\"append\",\"y\",1]]}",
                "{\"index\":3,\"time\":3,\"process\":1,\"type\":\"ok\",\"f\":\"txn\",\"value\":[[\"r\",\"y\",[]],[\"append\",\"x\",2]]}"));
        return p;
    }

    @Test
    void defaultIsStrictSerializableAndWriteSkewViolatesIt() throws Exception {
        Run r = run("check", writeSkew().toString(), "--checker", "list-append");
        assertEquals(1, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("[G2-item]") && r.out().contains("checked strict-serializable: none holds"), r.out());
    }

    @Test
    void snapshotIsolationAllowsWriteSkewAndSaysSo() throws Exception {
        Run r = run("check", writeSkew().toString(), "--checker", "list-append",
                "--consistency-models", "snapshot-isolation,read-committed");
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("snapshot-isolation, read-committed holds"), r.out());
        assertTrue(r.out().contains("found G2-item, ruling out repeatable-read"), r.out());
    }

    @Test
    void jsonListsAllowedAnomaliesAndTheModelsThatHold() throws Exception {
        Run r = run("check", writeSkew().toString(), "--checker", "list-append", "--json",
                "--consistency-models", "snapshot-isolation");
        assertEquals(0, r.exit(), r.err() + r.out());
        String compact = r.out().replaceAll("\\s+", "");
        assertTrue(compact.contains("\"models-holding\":[\"snapshot-isolation\"]"), r.out());
        assertTrue(compact.contains("\"allowed-anomalies\":[{\"type\":\"G2-item\""), r.out());
        assertTrue(compact.contains("\"not\":[\"repeatable-read\"]"), r.out());
    }

    @Test
    void noModelChecksOnlyTheAnomaliesNamed() throws Exception {
        Run g1 = run("check", writeSkew().toString(), "--checker", "list-append", "--consistency-models", "none",
                "--anomalies", "G1");
        assertEquals(0, g1.exit(), g1.err() + g1.out());
        Run g2 = run("check", writeSkew().toString(), "--checker", "list-append", "--consistency-models", "none",
                "--anomalies", "G2");
        assertEquals(1, g2.exit(), g2.err() + g2.out());
        assertTrue(g2.out().contains("checked no model + G2"), g2.out());
    }

    @Test
    void anAnomalyAskedForFailsEvenUnderAWeakModel() throws Exception {
        Run r = run("check", writeSkew().toString(), "--checker", "list-append",
                "--consistency-models", "PL-2", "--anomalies", "G2");
        assertEquals(1, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("checked read-committed + G2"), r.out());
    }

    @Test
    void badNamesAndMisplacedFlagsExitThreeNamingTheFlag() throws Exception {
        Run m = run("check", writeSkew().toString(), "--checker", "list-append", "--consistency-models", "serialisable");
        assertEquals(3, m.exit());
        assertTrue(m.err().contains("--consistency-models: unknown model \"serialisable\"")
                && m.err().contains("strict-serializable"), m.err());
        Run a = run("check", writeSkew().toString(), "--checker", "list-append", "--anomalies", "G3");
        assertEquals(3, a.exit());
        assertTrue(a.err().contains("--anomalies: unknown anomaly \"G3\"") && a.err().contains("G2-item"), a.err());
        Run e = run("check", writeSkew().toString(), "--checker", "list-append", "--anomalies", "G1a,");
        assertEquals(3, e.exit());
        assertTrue(e.err().contains("--anomalies: empty name"), e.err());
        Run n = run("check", writeSkew().toString(), "--checker", "list-append", "--consistency-models", "none");
        assertEquals(3, n.exit());
        assertTrue(n.err().contains("--consistency-models none: expected --anomalies"), n.err());
        Run w = run("check", writeSkew().toString(), "--consistency-models", "serializable");
        assertEquals(3, w.exit());
        assertTrue(w.err().contains("--consistency-models applies to --checker list-append or rw-register only"), w.err());
        Run l = run("check", writeSkew().toString(), "--checker", "linearizable", "--anomalies", "G0");
        assertEquals(3, l.exit());
        assertTrue(l.err().contains("--anomalies applies to --checker list-append or rw-register only"), l.err());
        Run s = run("check", writeSkew().toString(), "--checker", "set", "--anomalies", "G0");
        assertEquals(3, s.exit());
        assertTrue(s.err().contains("--anomalies applies to --checker list-append or rw-register only"), s.err());
    }
}
