package io.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.campaign.CampaignResult;
import io.faultline.campaign.CampaignRunner;
import io.faultline.campaign.CampaignSpec;
import io.faultline.campaign.RunExecutor;
import io.faultline.check.CheckResult;
import io.faultline.check.Verdict;
import io.faultline.report.ComparePage;
import io.faultline.report.Comparison;
import io.faultline.report.Fixtures;
import io.faultline.results.RunStats;
import io.faultline.runner.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * compare's table and page from real recorded run folders: every store's row, every checker's
 * verdict and every store's settings from its test.json, in both outputs. The runs are the report
 * module's recorded raftstore fixtures, one copy per store, with that store's settings written into
 * its test.json as the runner does (so no cluster starts: the test takes well under a second).
 */
class CompareCommandTest {
    @TempDir
    Path results;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes a recorded run folder per run, named by store, with per-store settings in test.json. */
    static final class FolderExecutor implements RunExecutor {
        final List<String> order = new ArrayList<>();

        @Override
        public RunResult run(io.faultline.test.TestDefinition def, io.faultline.runner.RunListener listener) {
            order.add(def.store() + "/" + def.seed());
            boolean broken = def.store().equals("etcd");
            Path dir = Fixtures.copy(broken ? Fixtures.STALE : Fixtures.VALID, def.resultsRoot(), def.name(), "20260101T000000");
            try {
                ObjectNode test = (ObjectNode) JSON.readTree(dir.resolve("test.json").toFile());
                test.put("store", def.store()).put("seed", def.seed());
                test.putObject("store-process-settings").put("jvm-opts", "-Xopts-of-" + def.store()).put("warm-up", "3 s");
                JSON.writeValue(dir.resolve("test.json").toFile(), test);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Verdict v = broken ? Verdict.INVALID : Verdict.VALID;
            RunStats stats = new RunStats(90, 5, 5, 0, 0.9, 0.9, 10, 0.5, 0.5, 12.0, 150.0, 2, 10.0, List.of());
            return new RunResult(v, List.of(new CheckResult("linearizable", v, "fake", List.of(), Map.of())), stats, dir, "local", "");
        }
    }

    /** Several workloads and a nemesis list make a valid campaign name (the '+' of "register+set" was refused, exit 3). */
    @Test
    void severalWorkloadsAndNemesesMakeAValidComparison() throws Exception {
        CompareCommand cmd = new CompareCommand();
        new CommandLine(cmd).parseArgs("--store", "raftstore,etcd,zookeeper,redis", "--workload", "register,set",
                "--nemesis", "partition,kill");
        CampaignSpec spec = CampaignSpec.parse(cmd.yaml("20260101T000000"), "compare options");
        assertEquals("compare-register_set-partition_kill-s1-20260101T000000", spec.name());
        assertEquals(8, spec.runs().size(), "four stores times two workloads");
    }

    @Test
    void tableAndPageShowEveryStoreSideBySideWithItsSettings() throws Exception {
        CompareCommand cmd = new CompareCommand();
        new CommandLine(cmd).parseArgs("--store", "raftstore,etcd", "--rounds", "2", "--nemesis", "partition",
                "--seed", "7", "--opt", "store.jvm-opts=-Xmx1g");
        CampaignSpec spec = CampaignSpec.parse(cmd.yaml("20260101T000000"), "compare options");
        FolderExecutor exec = new FolderExecutor();
        CampaignRunner runner = new CampaignRunner(exec, results, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), false);
        CampaignResult r = runner.run(spec);
        assertEquals(List.of("raftstore/7", "etcd/7", "etcd/8", "raftstore/8"), exec.order,
                "round by round, every store in turn (rotated each round), the same seed within a round");
        assertTrue(spec.runs().stream().allMatch(s -> "-Xmx1g".equals(s.options().get("store.jvm-opts"))
                && "10.0".equals(s.options().get("store.warmup-s"))), "--opt and the default warm-up reach every run");

        Comparison cmp = CompareCommand.comparison(r);
        String table = cmp.table();
        String[] lines = table.split("\n");
        assertTrue(lines[0].contains("ok/s") && lines[0].contains("p50 ms") && lines[0].contains("p99 ms")
                && lines[0].contains("avail partition") && lines[0].contains("linearizable"), table);
        assertTrue(lines[1].startsWith("raftstore") && lines[1].contains("kept"), table);
        assertTrue(lines[2].startsWith("etcd") && lines[2].contains("BROKEN (2/2)"), "etcd's recorded runs are invalid: " + table);
        assertTrue(table.contains("settings of raftstore: {jvm-opts=-Xopts-of-raftstore, warm-up=3 s}"), table);
        assertTrue(table.contains("settings of etcd: {jvm-opts=-Xopts-of-etcd"), table);
        assertTrue(table.contains("this machine's"), table);
        Comparison.Line raft = cmp.lines().getFirst();
        assertEquals(2, raft.rounds());
        assertTrue(raft.okOps() > 100 && raft.p99Millis() >= raft.p50Millis() && raft.p50Millis() > 0, raft.toString());
        assertTrue(raft.availabilityPerFault().containsKey("partition"), raft.toString());

        Path page = results.resolve("compare.html");
        new ComparePage().write(page, spec.name(), cmp);
        String html = Files.readString(page);
        for (String s : List.of("-Xopts-of-raftstore", "-Xopts-of-etcd", "BROKEN (2/2)", "kept", "availability during partition",
                "compare-throughput-register", "this machine&#39;s", "report.html")) {
            assertTrue(html.contains(s), "compare.html shows " + s);
        }
    }
}
