package io.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.campaign.CampaignValidator;
import io.faultline.campaign.RunExecutor;
import io.faultline.client.Client;
import io.faultline.db.Db;
import io.faultline.env.Node;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.preflight.Installer;
import io.faultline.preflight.Preflight;
import io.faultline.runner.NemesisRegistry;
import io.faultline.runner.Runner;
import io.faultline.store.Store;
import io.faultline.store.StoreOptions;
import io.faultline.store.StoreRegistry;
import io.faultline.testing.fake.FakeEnvironments;
import io.faultline.testing.fake.FakeKillNemesis;
import io.faultline.testing.fake.FakeRegisterWorkload;
import io.faultline.testing.fake.InMemoryStore;
import io.faultline.testing.fake.MemoryStoreProvider;
import io.faultline.workload.WorkloadRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/**
 * {@code campaign FILE --shard I/N} and {@code campaign merge} through the CLI, with every run going
 * through the real {@link Runner} against the in-memory store doubles (no cluster): the shards, moved
 * as CI moves artifacts, merge into the summary, JUnit XML and exit code of the unsharded campaign.
 */
class CampaignShardsTest {
    /** Every outcome class of the exit-code rules, deterministically: valid runs, a caught fault, an anomaly where valid
     *  was expected, a fault not detected. 5 runs of 0.5 s. */
    static final String YAML = """
            name: sharded
            defaults: {store: memory, workload: register, nemesis: kill, time-limit: 0.5, nemesis-interval: 0.1, concurrency: 3, rate: 100}
            matrix:
              seeds: [1, 2]
            runs:
              - {store-fault: phantom-reads, seed: 5, expect: anomaly}
              - {store-fault: phantom-reads, seed: 6}
              - {seed: 7, expect: anomaly}
            """;

    @TempDir
    static Path tmp;
    static Path file;
    static CliRun unsharded;
    static final List<CliRun> shards = new ArrayList<>();
    /** The shard folders as a CI merge job finds them: moved away from where their runs were written. */
    static Path artifacts;

    /**
     * The memory store's faults: store fault phantom-reads answers every read with 7, a value never written (an anomaly in every
     * run), and refuse-start fails the run before any node starts (a harness failure).
     */
    static Store withFaults(StoreOptions options, InMemoryStore memory) {
        if (options.faults().contains("refuse-start")) throw new IllegalArgumentException("refuse-start: the store will not start");
        if (!options.faults().contains("phantom-reads")) return memory;
        return new Store() {
            @Override
            public Db db() {
                return memory.db();
            }

            @Override
            public Set<String> workloads() {
                return memory.workloads();
            }

            @Override
            public Client newClient(String workload) {
                Client c = memory.newClient(workload);
                return new Client() {
                    private String node;

                    @Override
                    public void open(Node n) throws Exception {
                        node = n.name();
                        c.open(n);
                    }

                    @Override
                    public Op invoke(Op inv) {
                        Op done = c.invoke(inv);
                        if (!inv.f().equals("read") || done.type() != OpType.OK) return done;
                        return new Op(inv.index(), inv.time(), inv.process(), OpType.OK, "read", inv.key(), 7L, node, null);
                    }

                    @Override
                    public void close() {
                        c.close();
                    }
                };
            }

            @Override
            public boolean honoursFaketime() {
                return false;
            }
        };
    }

    static CampaignCommand command() {
        StoreRegistry stores = new StoreRegistry(List.of(new MemoryStoreProvider(false, CampaignShardsTest::withFaults)));
        WorkloadRegistry workloads = new WorkloadRegistry(List.of(new FakeRegisterWorkload()));
        NemesisRegistry nemeses = new NemesisRegistry(List.of(new FakeKillNemesis()));
        RunExecutor real = (def, listener) -> new Runner(stores, workloads, nemeses, new FakeEnvironments(), Path.of("."), listener,
                new Preflight(Installer.none("this test installs nothing"), s -> { })).run(def);
        return new CampaignCommand(() -> new CampaignValidator(stores, workloads, nemeses), () -> real);
    }

    static CliRun cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(command());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        cmd.setExitCodeExceptionMapper(t -> ExitCode.HARNESS_FAILURE);
        return new CliRun(cmd.execute(args), out.toString(), err.toString());
    }

    static Path yaml(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    @BeforeAll
    static void runTheCampaignWholeAndInThreeShards() throws Exception {
        file = yaml("sharded.yaml", YAML);
        unsharded = cli(file.toString(), "--results", tmp.resolve("one-machine").toString());
        artifacts = tmp.resolve("artifacts");
        for (int i = 1; i <= 3; i++) {
            Path machine = tmp.resolve("machine-" + i);
            shards.add(cli(file.toString(), "--shard", i + "/3", "--results", machine.toString()));
            Files.createDirectories(artifacts.resolve("shard-" + i));
            Files.move(machine.resolve("sharded/shard-" + i + "-of-3"), artifacts.resolve("shard-" + i + "/shard-" + i + "-of-3"));
        }
    }

    @Test
    void theMergeOfTheShardsIsTheUnshardedCampaign() throws Exception {
        assertEquals(1, unsharded.exit(), unsharded.err());
        CliRun merge = cli("merge", artifacts.toString(), "--results", tmp.resolve("merged").toString());
        assertEquals(unsharded.exit(), merge.exit(), merge.out() + merge.err());
        assertEquals("", merge.err(), "nothing missing");
        assertTrue(merge.out().contains("merged shards 1/3, 2/3, 3/3 of campaign sharded"), merge.out());

        Path one = tmp.resolve("one-machine/sharded");
        Path merged = tmp.resolve("merged/sharded");
        JsonNode expected = comparable(one.resolve("summary.json"));
        assertEquals(expected, comparable(merged.resolve("summary.json")));
        // the same outcome classes as the exit-code rules see them
        assertEquals("[PASS, PASS, PASS, FAIL, FAIL]", statuses(expected).toString());
        assertEquals(lastLine(one.resolve("summary.txt")), lastLine(merged.resolve("summary.txt")));
        assertEquals(junitCases(one.resolve("junit.xml")), junitCases(merged.resolve("junit.xml")));

        // each run's folder is linked where the merge found it, and the state lets a re-run skip them
        JsonNode runs = new ObjectMapper().readTree(merged.resolve("summary.json").toFile()).get("runs");
        for (JsonNode r : runs) {
            Path dir = Path.of(r.get("dir").asText());
            assertTrue(dir.startsWith(artifacts) && Files.isRegularFile(dir.resolve("report.html")), dir.toString());
        }
        assertTrue(Files.readString(merged.resolve("summary.html")).contains("href=\"../../artifacts/shard-"),
                "reports linked relative to the merged summary");
        JsonNode state = new ObjectMapper().readTree(merged.resolve("campaign-state.json").toFile()).get("runs");
        assertEquals(5, state.size());
    }

    @Test
    void nShardsRunEveryRunOnceAndDryRunListsTheShard() {
        CliRun all = cli(file.toString(), "--dry-run");
        assertEquals(0, all.exit(), all.err());
        List<String> ids = runIds(all.out());
        assertEquals(5, ids.size());
        for (int n = 1; n <= 5; n++) {
            List<String> union = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                CliRun s = cli(file.toString(), "--dry-run", "--shard", i + "/" + n);
                assertEquals(0, s.exit(), s.err());
                List<String> mine = runIds(s.out());
                assertTrue(s.out().contains("shard " + i + "/" + n + ": " + mine.size() + " of 5 runs"), s.out());
                union.addAll(mine);
            }
            assertEquals(ids.size(), union.size(), "n=" + n + ": " + union);
            assertEquals(new HashSet<>(ids), new HashSet<>(union));
        }
        // the shards that ran, ran exactly what their dry runs list
        List<String> ran = new ArrayList<>();
        for (CliRun s : shards) ran.addAll(List.of(s.out().lines().filter(l -> l.startsWith("shard ")).findFirst().orElseThrow()
                .replaceFirst(".*runs: ", "").split(", ")));
        assertEquals(new HashSet<>(ids), new HashSet<>(ran));
        assertEquals(5, ran.size());
    }

    @Test
    void badShardValuesNameTheFlagAndExitThree() {
        for (String bad : List.of("0/3", "4/3", "x")) {
            CliRun r = cli(file.toString(), "--shard", bad, "--dry-run");
            assertEquals(3, r.exit(), bad);
            assertTrue(r.err().startsWith("faultline campaign: --shard: expected I/N, shard I of N counted from 1 with 1 <= I <= N"
                    + " <= 1000 (e.g. 2/4), found '" + bad + "'"), r.err());
        }
        CliRun tooMany = cli(file.toString(), "--shard", "1/6");
        assertEquals(3, tooMany.exit());
        assertTrue(tooMany.err().contains("--shard 1/6: campaign sharded has 5 runs, so it can be cut into at most 5 shards, not 6"),
                tooMany.err());
        CliRun noFile = cli("--shard", "1/2");
        assertEquals(3, noFile.exit());
        assertTrue(noFile.err().contains("give a campaign file"), noFile.err());
    }

    @Test
    void aMissingShardIsSaidAndCountsAsHarnessFailures() throws Exception {
        CliRun merge = cli("merge", artifacts.resolve("shard-1").toString(), artifacts.resolve("shard-3").toString(),
                "--results", tmp.resolve("missing").toString());
        assertEquals(3, merge.exit(), merge.out() + merge.err());
        assertTrue(merge.err().contains("INCOMPLETE: shard 2/3 is missing: its 2 runs count as harness failures"), merge.err());
        JsonNode summary = new ObjectMapper().readTree(tmp.resolve("missing/sharded/summary.json").toFile());
        List<String> statuses = statuses(summary);
        assertEquals(2, statuses.stream().filter("ERROR"::equals).count(), statuses.toString());
        for (JsonNode r : summary.get("runs")) {
            if (r.get("status").asText().equals("ERROR")) {
                assertEquals("not run: shard 2/3 was not given to campaign merge", r.get("message").asText());
            }
        }
    }

    @Test
    void aShardThatStoppedEarlyIsSaid() throws Exception {
        Path copy = copyOf(artifacts.resolve("shard-2/shard-2-of-3"), tmp.resolve("stopped/shard-2-of-3"));
        ObjectNode summary = (ObjectNode) new ObjectMapper().readTree(copy.resolve("summary.json").toFile());
        String dropped = ((ArrayNode) summary.get("runs")).remove(1).get("id").asText();
        new ObjectMapper().writeValue(copy.resolve("summary.json").toFile(), summary);
        CliRun merge = cli("merge", artifacts.resolve("shard-1").toString(), copy.toString(), artifacts.resolve("shard-3").toString(),
                "--results", tmp.resolve("stopped-merged").toString());
        assertEquals(3, merge.exit(), merge.out() + merge.err());
        assertTrue(merge.err().contains("INCOMPLETE: shard 2/3 (" + copy + ") reports 1 of its 2 runs"), merge.err());
        assertTrue(Files.readString(tmp.resolve("stopped-merged/sharded/junit.xml")).contains("name=\"" + dropped + "\""));
    }

    @Test
    void overlappingShardsAndShardsOfAnotherCampaignAreRefused() throws Exception {
        Path twice = copyOf(artifacts.resolve("shard-1/shard-1-of-3"), tmp.resolve("twice/shard-1-of-3"));
        CliRun overlap = cli("merge", artifacts.toString(), twice.toString(), "--results", tmp.resolve("o").toString());
        assertEquals(3, overlap.exit());
        assertTrue(overlap.err().contains("overlapping shards: shard 1/3 is given twice, in "), overlap.err());

        // the same file cut into 5: one run, and shards cut into 3 and 5 do not fit together
        CliRun seventh = cli(file.toString(), "--shard", "1/5", "--results", tmp.resolve("fifths").toString());
        assertTrue(seventh.exit() <= 1, seventh.err());
        CliRun cut = cli("merge", artifacts.resolve("shard-1").toString(), tmp.resolve("fifths").toString(),
                "--results", tmp.resolve("c").toString());
        assertEquals(3, cut.exit());
        assertTrue(cut.err().contains("shards cut differently cannot be merged: ") && cut.err().contains(" is shard 1/5 but "), cut.err());

        // another campaign file under the same name: one seed more
        Path other = yaml("other/sharded.yaml", YAML.replace("seeds: [1, 2]", "seeds: [1, 2, 3]"));
        CliRun otherShard = cli(other.toString(), "--shard", "6/6", "--results", tmp.resolve("other-results").toString());
        assertTrue(otherShard.exit() <= 1, otherShard.err());
        CliRun mixed = cli("merge", artifacts.resolve("shard-1").toString(), tmp.resolve("other-results").toString(),
                "--results", tmp.resolve("m").toString());
        assertEquals(3, mixed.exit());
        assertTrue(mixed.err().contains("shards of different campaigns cannot be merged: "), mixed.err());
        assertFalse(Files.exists(tmp.resolve("m")) || Files.exists(tmp.resolve("c")) || Files.exists(tmp.resolve("o")),
                "a refused merge writes nothing");

        CliRun nothing = cli("merge", tmp.resolve("one-machine").toString());
        assertEquals(3, nothing.exit());
        assertTrue(nothing.err().contains("one-machine: no shard.json in it or below it"), nothing.err());
    }

    @Test
    void aHarnessFailureInAShardFailsTheMergeAsItFailsTheCampaign() throws Exception {
        Path f = yaml("refused.yaml", """
                name: refused
                defaults: {store: memory, workload: register, nemesis: kill, time-limit: 0.5, nemesis-interval: 0.1, concurrency: 3, rate: 100}
                runs:
                  - {seed: 1}
                  - {store-fault: refuse-start, seed: 2}
                """);
        CliRun whole = cli(f.toString(), "--results", tmp.resolve("refused-one").toString());
        assertEquals(3, whole.exit());
        for (int i = 1; i <= 2; i++) cli(f.toString(), "--shard", i + "/2", "--results", tmp.resolve("refused-shards").toString());
        CliRun merge = cli("merge", tmp.resolve("refused-shards").toString(), "--results", tmp.resolve("refused-merged").toString());
        assertEquals(3, merge.exit(), merge.out() + merge.err());
        assertEquals(comparable(tmp.resolve("refused-one/refused/summary.json")),
                comparable(tmp.resolve("refused-merged/refused/summary.json")));
        assertTrue(Files.readString(tmp.resolve("refused-merged/refused/junit.xml")).contains("refuse-start: the store will not start"));
    }

    /** summary.json without what differs between two executions of the same run: durations, measurements, folders, wording. */
    static JsonNode comparable(Path summaryJson) throws IOException {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(summaryJson.toFile());
        for (JsonNode r : root.get("runs")) {
            ObjectNode o = (ObjectNode) r;
            o.remove(List.of("seconds", "availability", "p99-ms", "dir"));
            if (!o.get("status").asText().equals("ERROR")) o.remove("message");
            o.set("anomalies", BooleanNode.valueOf(!o.get("anomalies").isEmpty()));
        }
        return root;
    }

    static List<String> statuses(JsonNode summary) {
        List<String> s = new ArrayList<>();
        summary.get("runs").forEach(r -> s.add(r.get("status").asText()));
        return s;
    }

    static String lastLine(Path f) throws IOException {
        return Files.readAllLines(f).getLast();
    }

    /** Each testcase's name and its failure or error type. */
    static List<String> junitCases(Path xml) throws Exception {
        Element suites = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
        List<String> out = new ArrayList<>(List.of("tests=" + suites.getAttribute("tests"), "failures=" + suites.getAttribute("failures"),
                "errors=" + suites.getAttribute("errors")));
        NodeList cases = suites.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            NodeList f = c.getElementsByTagName("failure");
            NodeList e = c.getElementsByTagName("error");
            out.add(c.getAttribute("name") + (f.getLength() > 0 ? " failure " + ((Element) f.item(0)).getAttribute("type") : "")
                    + (e.getLength() > 0 ? " error" : ""));
        }
        return out;
    }

    static List<String> runIds(String dryRun) {
        return dryRun.lines().filter(l -> l.contains("  expect ")).map(l -> l.substring(0, l.indexOf(' '))).toList();
    }

    static Path copyOf(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) Files.createDirectories(t);
                else Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
        }
        return to;
    }
}
