package io.faultline.junit;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.check.Verdict;
import io.faultline.docker.DockerCleanup;
import io.faultline.docker.DockerEngine;
import io.faultline.docker.DockerEnvironment;
import io.faultline.docker.DockerImages;
import io.faultline.docker.DockerSpec;
import io.faultline.env.EnvironmentException;
import io.faultline.history.History;
import io.faultline.history.JsonlReader;
import io.faultline.runner.NemesisRegistry;
import io.faultline.runner.RunListener;
import io.faultline.runner.RunResult;
import io.faultline.runner.Runner;
import io.faultline.store.StoreRegistry;
import io.faultline.stores.etcd.Runs;
import io.faultline.test.NemesisSchedule;
import io.faultline.test.TestDefinition;
import io.faultline.testing.Checkout;
import io.faultline.workload.WorkloadRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whole runs under {@code --env docker}: the runner, real nemeses acting through iptables and
 * signals inside the containers, the checkers. The verdicts are the ones the local environment
 * gives for the same runs (valid for raftstore and etcd under partition and kill; an anomaly for
 * raftstore's stale-reads mode), and no container or network outlives a run.
 */
@Tag("docker")
class DockerEndToEndTest {
    private static Path home;

    @BeforeAll
    static void needDockerAndImages() {
        home = Checkout.root();
        Optional<String> why = DockerEngine.whyNotReady(List.of(DockerImages.forStore("raftstore"),
                DockerImages.forStore("etcd"), DockerImages.forStore("zookeeper"), DockerImages.forStore("redis")));
        if (why.isPresent() && DockerEngine.underCi()) {
            org.junit.jupiter.api.Assertions.fail("CI=true, and the docker end-to-end tests cannot run: " + why.get());
        }
        why.ifPresent(w -> System.out.println("docker end-to-end tests skipped: " + w));
        Assumptions.assumeTrue(why.isEmpty(), () -> "docker end-to-end tests skipped: " + why.get());
    }

    private static final RunListener LOG = Runs.LOG;

    private static RunResult run(String store, List<String> nemeses, List<String> storeFaults, Path results, long seed)
            throws Exception {
        return run(store, nemeses, storeFaults, results, seed, Duration.ofSeconds(4), Duration.ofSeconds(20), 10, 100);
    }

    private static RunResult run(String store, List<String> nemeses, List<String> storeFaults, Path results, long seed,
                                 Duration interval, Duration limit, int concurrency, double rate) throws Exception {
        return run(store, "register", nemeses, storeFaults, Map.of(), results, seed, interval, limit, concurrency, rate);
    }

    private static RunResult run(String store, String workload, List<String> nemeses, List<String> storeFaults,
                                 Map<String, String> options, Path results, long seed,
                                 Duration interval, Duration limit, int concurrency, double rate) throws Exception {
        java.util.concurrent.atomic.AtomicReference<String> runId = new java.util.concurrent.atomic.AtomicReference<>();
        Runner runner = new Runner(StoreRegistry.load(), WorkloadRegistry.load(), NemesisRegistry.load(),
                req -> {
                    runId.set(req.runId());
                    return DockerEnvironment.create(DockerSpec.forStore(store, req.runId(), req.nodes(), req.runDir(),
                            req.clockFaults(), home));
                },
                home, LOG);
        TestDefinition def = new TestDefinition("docker-" + store, "docker", store, 3, workload,
                new NemesisSchedule(nemeses, interval), limit, concurrency, rate, seed, storeFaults,
                options, results, false);
        // Other runs may share the engine (another suite, a user's run): look only at this run's label.
        var client = DockerEngine.connect().client();
        RunResult r = runner.run(def);
        assertEquals(List.of(), DockerCleanup.find(client, Optional.of(runId.get())),
                "no container or network of the run is left behind");
        return r;
    }

    private static void assertFaultsHit(RunResult r, String... kinds) throws Exception {
        History h = JsonlReader.read(r.dir().resolve("history.jsonl"));
        for (String kind : kinds) {
            assertTrue(h.nemesisEvents().stream().anyMatch(e -> e.f().equals("start-" + kind) && e.type().wireName().equals("info")
                            && e.error() == null),
                    "a " + kind + " fault was applied in the containers; history in " + r.dir());
        }
        assertEquals("", r.faultShortfall(), "every fault verified in the containers; history in " + r.dir());
        assertEquals(0, r.exitCode(), "results in " + r.dir());
    }

    /** The register workload under partition and kill: valid in containers, as in the local environment. */
    @ParameterizedTest(name = "{0} under partition and kill is linearizable")
    @CsvSource({"raftstore, 8, 200", "etcd, 9, 200", "zookeeper, 8, 100"})
    void underPartitionAndKillIsLinearizable(String store, long seed, long minOk, @TempDir Path results) throws Exception {
        RunResult r = run(store, List.of("partition", "kill"), List.of(), results, seed);
        assertEquals(Verdict.VALID, r.verdict(), () -> "results in " + r.dir() + ": " + r.results());
        assertTrue(r.stats().ok() > minOk, "the cluster served requests: ok = " + r.stats().ok());
        assertFaultsHit(r, "partition", "kill");
        assertTrue(Files.size(r.dir().resolve("nodes/n1/" + store + ".log")) > 0, "node logs land in the results");
    }

    /**
     * Redis with Sentinel in containers, as in namespaces (RedisEndToEndTest): the primary cut off by
     * a leader partition keeps acknowledging adds that the promoted replica never received.
     */
    @Test
    void redisSentinelLosesAcknowledgedAddsWhenThePrimaryIsPartitioned(@TempDir Path results) throws Exception {
        RunResult r = run("redis", "set", List.of("partition"), List.of(), Map.of("nemesis.partition.modes", "leader"),
                results, 1L, Duration.ofSeconds(10), Duration.ofSeconds(25), 10, 100);
        assertEquals("", r.faultShortfall(), () -> "the partition took effect in the containers; results in " + r.dir());
        var set = r.results().stream().filter(c -> c.checker().equals("set")).findFirst().orElseThrow();
        assertEquals(Verdict.INVALID, set.verdict(), () -> "results in " + r.dir() + ": " + set.summary());
        assertTrue(((Number) set.details().get("lost-count")).longValue() > 0, () -> "details: " + set.details());
        assertTrue(Files.size(r.dir().resolve("nodes/n1/redis.log")) > 0, "the containers' Redis logs land in the results");
    }

    /**
     * Random schedules catch stale reads only sometimes: under --env docker 0 of 2 runs of 25 s
     * did (the partitioned leader steps down within an election timeout, so few reads hit it).
     * Kept out of the default suite; {@link StaleReadCheck} is the deterministic counterpart.
     */
    @Test
    @Tag("slow")
    void raftstoreStaleReadsUnderPartitionAreCaught(@TempDir Path results) throws Exception {
        // The parameters of the local environment's stale-reads test (RaftstoreEndToEndTest).
        RunResult r = run("raftstore", List.of("partition"), List.of("stale-reads"), results, 7L,
                Duration.ofSeconds(3), Duration.ofSeconds(25), 12, 200);
        assertEquals(Verdict.INVALID, r.verdict(), () -> "stale reads must be caught; results in " + r.dir());
    }

    @Test
    void aMissingImageStopsTheRunWithTheBuildCommand(@TempDir Path results) {
        EnvironmentException e = assertThrows(EnvironmentException.class, () -> DockerEnvironment.create(
                new DockerSpec("e2e-noimg", 3, results, false, "faultline/raftstore:0.0.0-absent", List.of(home))));
        assertTrue(e.getMessage().contains("docker/build-offline.sh"), e.getMessage());
    }
}
