package io.faultline.workloads;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.check.Verdict;
import io.faultline.cli.Main;
import io.faultline.env.Environments;
import io.faultline.history.History;
import io.faultline.history.JsonlReader;
import io.faultline.runner.NemesisRegistry;
import io.faultline.runner.RunListener;
import io.faultline.runner.RunResult;
import io.faultline.runner.Runner;
import io.faultline.store.StoreRegistry;
import io.faultline.test.NemesisSchedule;
import io.faultline.test.TestDefinition;
import io.faultline.testing.Checkout;
import io.faultline.workload.WorkloadRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: three raftstore processes in the local environment (network namespaces; root
 * needed for partitions), the register workload, real nemeses, the linearizability checker.
 */
class RaftstoreEndToEndTest {
    private static Path home;

    @BeforeAll
    static void findHome() {
        home = Checkout.root();
        assertTrue(Files.isDirectory(home.resolve("raftstore/target/classes/io/faultline/raftstore")),
                "raftstore classes not found under " + home + " (build with -am, which compiles raftstore first)");
    }

    private static void needNamespaces() {
        String why = Environments.whyNoNamespaces();
        Assumptions.assumeTrue(why.isEmpty(), "partitions need network namespaces: " + why);
    }

    private static final RunListener LOG = io.faultline.stores.etcd.Runs.LOG;

    @Test
    void registerUnderPartitionsAndKillsIsLinearizable(@TempDir Path results) throws Exception {
        needNamespaces();
        Runner runner = new Runner(StoreRegistry.load(), WorkloadRegistry.load(), NemesisRegistry.load(),
                req -> Environments.create(req.spec()),
                home, LOG);
        TestDefinition def = new TestDefinition("e2e-register", "local", "raftstore", 3, "register",
                new NemesisSchedule(List.of("partition", "kill"), Duration.ofSeconds(5)), Duration.ofSeconds(30), 10, 100,
                20261123L, List.of(), Map.of("store.jvm-opts", "-Xmx64m -XX:+UseSerialGC", "store.warmup-s", "1"), results, false);
        RunResult r = runner.run(def);
        assertEquals(Verdict.VALID, r.verdict(), () -> "results in " + r.dir() + ": " + r.results());
        // Not a throughput check (those live in bench/): on a quiet machine about 1,400 of ~3,000 ops
        // are acknowledged, at load average 20 about 200-400; this only proves the run did real work.
        assertTrue(r.stats().ok() > 150, "the cluster served the workload through the faults; ok = " + r.stats().ok());
        assertTrue(r.stats().faults() >= 2, "faults were injected: " + r.stats().faults());
        History h = JsonlReader.read(r.dir().resolve("history.jsonl"));
        assertTrue(h.nemesisEvents().stream().anyMatch(e -> e.f().equals("start-partition") || e.f().equals("start-kill")));
        // The store's own order (its log index) is recorded on every decided register op, and the
        // checker validates it in linear time where it is a linearization.
        List<io.faultline.history.Op> decided = h.events().stream()
                .filter(e -> !e.isNemesis() && (e.type() == io.faultline.history.OpType.OK
                        || io.faultline.history.Errors.CAS_MISMATCH.equals(e.error())))
                .toList();
        assertTrue(!decided.isEmpty() && decided.stream().allMatch(e -> e.revision() != null),
                "every ok op and failed compare carries the store's revision");
        var lr = new io.faultline.linear.LinearizabilityChecker(io.faultline.linear.model.RegisterModel.casRegister(), null,
                Duration.ofSeconds(120), 1).analyze(h.operations());
        assertEquals(Verdict.VALID, lr.verdict());
        assertTrue(lr.partitions().stream().anyMatch(p -> p.method().equals("recorded order")),
                "some keys were decided by the recorded order: " + lr.partitions().stream().map(p -> p.method()).distinct().toList());
        assertTrue(Files.size(r.dir().resolve("nodes/n1/raftstore.log")) > 0, "node logs are kept");
        String testJson = Files.readString(r.dir().resolve("test.json"));
        assertTrue(testJson.contains("\"store-process-settings\"") && testJson.contains("\"jvm-opts\" : \"-Xmx64m -XX:+UseSerialGC\"")
                && testJson.contains("\"warm-up\" : \"1.0 s of puts"), "test.json states the settings the nodes ran with: " + testJson);
        assertTrue(Files.readString(r.dir().resolve("results.json")).contains("\"cpu-ms-per-op\""), "results.json has the harness's CPU per op");
        assertEquals("", io.faultline.report.Reports.render(def, r), "the full report renders from the run's folder");
        assertTrue(Files.isRegularFile(r.dir().resolve("report.html")));
    }

    private static int cli(Path results, String... args) {
        String old = System.getProperty("faultline.home");
        System.setProperty("faultline.home", home.toString());
        try {
            List<String> all = new java.util.ArrayList<>(List.of(args));
            all.addAll(List.of("--env", "local", "--results", results.toString()));
            return Main.execute(all.toArray(String[]::new));
        } finally {
            if (old == null) System.clearProperty("faultline.home");
            else System.setProperty("faultline.home", old);
        }
    }

    /**
     * Runs the CLI with seeds 7, 8 and 9 until one run exits 1 (anomaly found). Whether a run catches
     * a read fault depends on timing — how many reads land in the window where the faulty node
     * answers alone — and on a busy machine one seeded run has missed it (CI, 2026-11-24: seed 7 of
     * stale-reads exited 0), so one of three must catch it. Every run must end valid or invalid:
     * any other exit code (an error) fails at once.
     */
    private static void assertCaughtInOneOfThreeSeeds(Path results, String fault, String... args) throws Exception {
        int code = io.faultline.stores.etcd.Runs.untilCaught(7, 3, seed -> {
            List<String> all = new java.util.ArrayList<>(List.of(args));
            all.addAll(List.of("--seed", Long.toString(seed)));
            int c = cli(results.resolve("seed-" + seed), all.toArray(String[]::new));
            assertTrue(c == 0 || c == 1, fault + ", seed " + seed + ": exit " + c + " (0 valid, 1 anomaly; anything else is an error); results in " + results);
            return c;
        }, c -> c == 1);
        assertEquals(1, code, fault + " must be caught as a linearizability anomaly in one of seeds 7-9; results in " + results);
    }

    /** A minority follower answering reads from its own state is caught, through the CLI, with exit code 1. */
    @Test
    void followerReadsUnderPartitionExitOne(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path results) throws Exception {
        needNamespaces();
        assertCaughtInOneOfThreeSeeds(results, "follower-reads", "run", "--workload", "register", "--nemesis", "partition",
                "--store-fault", "follower-reads", "--nemesis-interval", "3", "--time-limit", "20", "--concurrency", "12",
                "--rate", "200");
    }

    /**
     * The stale-reads scenario: in that mode the leader neither runs ReadIndex nor steps down by
     * check-quorum, so a leader isolated from the majority keeps answering reads from its stale state.
     * Isolating the leader is what exposes it (random partition modes often cut only followers);
     * measured 10 of 10 seeds detected with these settings on a quiet machine, 6 of 11 with random modes.
     */
    @Test
    void staleReadsUnderPartitionExitOne(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path results) throws Exception {
        needNamespaces();
        assertCaughtInOneOfThreeSeeds(results, "stale-reads", "run", "--workload", "register", "--nemesis", "partition",
                "--store-fault", "stale-reads",
                // As in campaigns/ci.yaml: clients on the isolated leader give up on writes after
                // 500 ms and read, so reads land in the window where the old leader answers alone.
                "--opt", "nemesis.partition.modes=leader", "--opt", "store.client-timeout-ms=500",
                "--nemesis-interval", "3", "--time-limit", "30", "--concurrency", "12", "--rate", "200");
    }
}
