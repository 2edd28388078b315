package io.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.history.JsonValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code faultline check}: exit codes, output, and errors that name the file and line. */
class CheckCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private Path jsonl(String name, String... events) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            String[] e = events[i].split(" ", 4);   // process type f [value]
            String process = e[0].equals("nemesis") ? "\"nemesis\"" : e[0];
            lines.add("{\"index\":" + i + ",\"time\":" + (i * 100) + ",\"process\":" + process + ",\"type\":\"" + e[1]
                    + "\",\"f\":\"" + e[2] + "\",\"value\":" + (e.length > 3 ? e[3] : "null") + "}");
        }
        Path p = dir.resolve(name);
        Files.write(p, lines);
        return p;
    }

    private Path staleRead() throws Exception {
        return jsonl("stale.jsonl", "0 invoke write 1", "0 ok write 1", "0 invoke write 2", "0 ok write 2",
                "1 invoke read", "1 ok read 1");
    }

    @Test
    void validHistoryExitsZero() throws Exception {
        Path p = jsonl("ok.jsonl", "0 invoke write 1", "1 invoke read", "0 ok write 1", "1 ok read 1",
                "nemesis info kill \"n1\"");
        CliRun r = run("check", p.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("model register (inferred)"), r.out());
        assertTrue(r.out().contains("linearizable (2 operations"), r.out());
    }

    @Test
    void staleReadExitsOneWithCounterexample() throws Exception {
        CliRun r = run("check", staleRead().toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("not linearizable under model register"), r.out());
        assertTrue(r.out().contains("Longest linearizable prefix: 2 operations; it leaves the state 2."), r.out());
        assertTrue(r.out().contains("process 1: read -> 1"), r.out());
        assertTrue(r.out().contains("it read 1 but the register holds 2"), r.out());
    }

    @Test
    void jsonOutputIsMachineReadable() throws Exception {
        CliRun r = run("check", staleRead().toString(), "--json");
        assertEquals(1, r.exit());
        Map<?, ?> m = (Map<?, ?>) JsonValues.parse(r.out());
        assertEquals("invalid", m.get("verdict"));
        assertEquals(1L, m.get("exit-code"));
        assertEquals("jsonl", m.get("format"));
        Map<?, ?> checker = (Map<?, ?>) ((List<?>) m.get("checkers")).get(0);
        assertEquals("linearizable", checker.get("checker"));
        assertEquals(List.of("nonlinearizable"), checker.get("anomaly-types"));
        Map<?, ?> details = (Map<?, ?>) checker.get("details");
        Map<?, ?> cx = (Map<?, ?>) details.get("counterexample");
        assertEquals(2, ((List<?>) cx.get("prefix")).size());
        assertEquals("2", cx.get("state-after-prefix"));
    }

    @Test
    void htmlPageIsSelfContained() throws Exception {
        Path out = dir.resolve("page.html");
        CliRun r = run("check", staleRead().toString(), "--html", out.toString());
        assertEquals(1, r.exit());
        String html = Files.readString(out);
        assertTrue(html.contains("<svg"), "draws lanes");
        assertTrue(html.contains("class='blocked'"), "marks the op that cannot come next");
        assertTrue(html.contains("process 1"));
        assertTrue(!html.contains("http://") && !html.contains("https://") && !html.contains("<script src"),
                "needs no network");
    }

    @Test
    void malformedFileExitsThreeNamingTheLine() throws Exception {
        Path p = dir.resolve("bad.jsonl");
        Files.writeString(p, "{\"index\":0,\"time\":1,\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"value\":null}\n"
                + "{\"index\":1,\"time\":2,\"process\":0,\"type\":\"okay\",\"f\":\"read\"}\n");
        CliRun r = run("check", p.toString());
        assertEquals(3, r.exit());
        assertTrue(r.err().startsWith(p + ":2: unknown type \"okay\""), r.err());
    }

    @Test
    void operationTheModelCannotReadExitsThreeNamingTheLine() throws Exception {
        Path p = jsonl("cas.jsonl", "0 invoke write 1", "0 ok write 1", "0 invoke cas [1,2]", "0 ok cas [1,2]");
        CliRun r = run("check", p.toString(), "--model", "register");
        assertEquals(3, r.exit());
        assertTrue(r.err().startsWith(p + ":3: model register has no cas"), r.err());
        Path q = jsonl("cas1.jsonl", "0 invoke cas 7", "0 ok cas 7");
        CliRun r2 = run("check", q.toString());
        assertEquals(3, r2.exit());
        assertTrue(r2.err().startsWith(q + ":1: a cas needs the value [expected, new]"), r2.err());
    }

    @Test
    void modelThatCannotBeInferredAsksForModel() throws Exception {
        Path p = jsonl("mixed.jsonl", "0 invoke write 1", "0 ok write 1", "0 invoke acquire", "0 ok acquire");
        CliRun r = run("check", p.toString());
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("cannot infer the model") && r.err().contains("--model"), r.err());
    }

    @Test
    void badOptionsExitThree() throws Exception {
        Path p = staleRead();
        assertTrue(run("check", p.toString(), "--initial", "{oops").err().startsWith("--initial: not JSON"));
        assertEquals(3, run("check", p.toString(), "--model", "queue").exit());
        assertEquals(3, run("check", p.toString(), "--format", "xml").exit());
        assertEquals(3, run("check", p.toString(), "--timeout", "0").exit());
        assertEquals(3, run("check", dir.resolve("missing.jsonl").toString()).exit());
        assertEquals(3, run("check", p.toString(), "--no-partition").exit());
    }

    @Test
    void initialStateChangesTheVerdict() throws Exception {
        Path p = jsonl("init.jsonl", "0 invoke read", "0 ok read 5");
        assertEquals(1, run("check", p.toString()).exit());
        assertEquals(0, run("check", p.toString(), "--initial", "5").exit());
    }

    @Test
    void timeoutGivesUnknownExitTwo() throws Exception {
        List<String> ev = new ArrayList<>();
        for (int p = 0; p < 40; p++) ev.add(p + " invoke write " + p);
        for (int p = 40; p < 80; p++) {
            ev.add(p + " invoke read");
            ev.add(p + " ok read " + (p - 40));
        }
        ev.add("99 invoke read");
        ev.add("99 ok read 1000");
        for (int p = 0; p < 40; p++) ev.add(p + " ok write " + p);
        Path h = jsonl("hard.jsonl", ev.toArray(String[]::new));
        CliRun r = run("check", h.toString(), "--timeout", "0.2");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("unknown: ") && r.out().contains("timed out"), r.out());
        CliRun small = run("check", h.toString(), "--max-memory", "100k");
        assertEquals(2, small.exit(), small.out() + small.err());
        assertTrue(small.out().contains("memory budget"), small.out());
        assertEquals(3, run("check", h.toString(), "--max-memory", "lots").exit());
    }

    @Test
    void aBinaryFileIsNamedWithItsLineNotAStackTrace() throws Exception {
        Path bin = dir.resolve("history.bin");
        byte[] bytes = "{\"index\":0}\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(bytes, bytes.length + 4);
        all[bytes.length] = (byte) 0xC3;   // a lead byte followed by bytes that cannot continue it
        all[bytes.length + 1] = (byte) 0x28;
        all[bytes.length + 2] = (byte) 0xFF;
        all[bytes.length + 3] = (byte) 0xFE;
        Files.write(bin, all);
        CliRun r = run("check", bin.toString());
        assertEquals(3, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(bin + ":3: not UTF-8 text"), r.err());
        assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), r.err());
    }

    @Test
    void anEmptyHistoryIsUnknownUnlessAllowed() throws Exception {
        Path empty = dir.resolve("empty.jsonl");
        Files.writeString(empty, "");
        CliRun r = run("check", empty.toString(), "--model", "register");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("no operations to check"), r.out());
        Path onlyNemesis = jsonl("nemesis-only.jsonl", "nemesis invoke start-kill", "nemesis info start-kill \"n1\"");
        assertEquals(2, run("check", onlyNemesis.toString(), "--model", "register").exit());
        assertEquals(0, run("check", empty.toString(), "--model", "register", "--allow-empty").exit());
    }

    @Test
    void porcupineDataAsTheIssueDemands() {
        Path data = findData();
        Assumptions.assumeTrue(data != null, "../shared/data/porcupine is absent");
        CliRun bad = run("check", data.resolve("jepsen/etcd_000.log").toString());
        assertEquals(1, bad.exit(), bad.err());
        assertTrue(bad.out().contains("not linearizable"), bad.out());
        assertEquals(0, run("check", data.resolve("jepsen/etcd_002.log").toString()).exit());
        assertEquals(0, run("check", data.resolve("kv/c10-ok.txt").toString(), "--no-partition").exit());
        assertEquals(1, run("check", data.resolve("kv/c01-bad.txt").toString(), "--format", "porcupine-kv").exit());
    }

    private static Path findData() {
        String prop = System.getProperty("faultline.data");
        if (prop != null) return Files.isDirectory(Path.of(prop, "porcupine")) ? Path.of(prop, "porcupine") : null;
        Path d = Path.of("").toAbsolutePath();
        while (d != null && !Files.exists(d.resolve("mvnw"))) d = d.getParent();
        if (d == null) return null;
        Path p = d.resolve("../shared/data/porcupine").normalize();
        return Files.isDirectory(p) ? p : null;
    }
}
