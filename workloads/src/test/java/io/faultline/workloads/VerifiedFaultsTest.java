package io.faultline.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.env.Environments;
import io.faultline.history.FaultLog;
import io.faultline.history.JsonlReader;
import io.faultline.testing.Checkout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A verdict means the faults happened: {@code faultline run} as a user runs it, in its own process
 * (so PATH can be changed under it), with iptables shadowed by a stub that fails, by one that
 * claims success and does nothing, and with the real one.
 */
class VerifiedFaultsTest {
    private static Path home;

    @BeforeAll
    static void needNamespaces() {
        home = Checkout.root();
        String why = Environments.whyNoNamespaces();
        // Partitions need network namespaces (root); CI runs as root, so this never hides a failure there.
        if (!why.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI=true, and partitions need network namespaces: " + why);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(why.isEmpty(), "partitions need network namespaces: " + why);
    }

    private record Result(int exit, String output, Path results) {
        Path runDir() throws Exception {
            try (Stream<Path> s = Files.walk(results, 3)) {
                return s.filter(p -> p.getFileName().toString().equals("history.jsonl")).findFirst().orElseThrow().getParent();
            }
        }
    }

    /** Runs {@code faultline run ARGS} in a child JVM whose PATH starts with {@code pathFirst} (may be null). */
    private static Result run(Path results, Path pathFirst, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Dfaultline.home=" + home, "-cp", System.getProperty("java.class.path"),
                "io.faultline.cli.Main", "run", "--env", "local", "--results", results.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Path log = results.resolve("output.txt");
        Files.createDirectories(results);
        pb.redirectOutput(log.toFile());
        if (pathFirst != null) pb.environment().put("PATH", pathFirst + ":" + System.getenv("PATH"));
        Process p = pb.start();
        if (!p.waitFor(4, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("faultline run did not end within 4 minutes: " + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log), results);
    }

    private static Path stub(Path dir, String body) throws Exception {
        Files.createDirectories(dir);
        Path s = dir.resolve("iptables");
        Files.writeString(s, "#!/bin/sh\n" + body + "\n");
        assertTrue(s.toFile().setExecutable(true));
        return dir;
    }

    @Test
    void aFailingIptablesStopsTheRunBeforeAnyNodeStarts(@TempDir Path tmp) throws Exception {
        Path bin = stub(tmp.resolve("bin"), "echo 'iptables: stub refuses' >&2; exit 1");
        Result r = run(tmp.resolve("results"), bin, "--nemesis", "partition", "--time-limit", "10", "--seed", "3");
        assertEquals(3, r.exit(), r.output());
        assertTrue(r.output().contains("iptables (needed by --nemesis partition)") && r.output().contains("does not work"),
                r.output());
        assertTrue(!r.output().contains("starting 3 raftstore nodes"), "nothing started: " + r.output());
    }

    @Test
    void anIptablesThatDoesNothingIsCaughtByTheEffectNotTrusted(@TempDir Path tmp) throws Exception {
        Path bin = stub(tmp.resolve("bin"), "exit 0");
        Result r = run(tmp.resolve("results"), bin, "--nemesis", "partition", "--time-limit", "10",
                "--nemesis-interval", "3", "--seed", "3");
        assertEquals(3, r.exit(), r.output());
        assertTrue(r.output().contains("FAULTS NOT VERIFIED: partition"), r.output());
        assertTrue(r.output().contains("is open but should be cut"), r.output());
        FaultLog log = FaultLog.of(JsonlReader.read(r.runDir().resolve("history.jsonl")).events());
        assertTrue(!log.actions().isEmpty(), "the starts are in the history");
        for (FaultLog.Action a : log.actions()) {
            if (a.start()) assertEquals(Boolean.FALSE, a.verified(), "recorded as not verified: " + a);
        }
        JsonNode results = new ObjectMapper().readTree(r.runDir().resolve("results.json").toFile());
        assertEquals(3, results.get("exit-code").asInt());
    }

    @Test
    void withTheRealIptablesEveryPartitionIsVerified(@TempDir Path tmp) throws Exception {
        Result r = run(tmp.resolve("results"), null, "--nemesis", "partition", "--time-limit", "16",
                "--nemesis-interval", "3", "--seed", "4");
        assertEquals(0, r.exit(), r.output());
        FaultLog log = FaultLog.of(JsonlReader.read(r.runDir().resolve("history.jsonl")).events());
        long starts = log.actions().stream().filter(FaultLog.Action::start).count();
        assertTrue(starts >= 1, "partitions were started: " + r.output());
        for (FaultLog.Action a : log.actions()) {
            assertTrue(a.confirmed(), "every start and heal verified: " + a);
            assertTrue(String.valueOf(a.value().get("evidence")).startsWith("probed 6 links from inside the nodes"), a.toString());
        }
        assertTrue(r.output().contains("faults: partition " + starts + "/" + starts + " verified"), r.output());
        assertTrue(log.finalHeals().stream().allMatch(FaultLog.Action::confirmed), "the final heal is verified");
    }

    @Test
    void aHealthyClusterWithoutFaultsAnswersNearlyEveryRequest(@TempDir Path tmp) throws Exception {
        Result r = run(tmp.resolve("results"), null, "--nemesis", "none", "--time-limit", "15", "--seed", "5");
        assertEquals(0, r.exit(), r.output());
        JsonNode stats = new ObjectMapper().readTree(r.runDir().resolve("results.json").toFile()).get("stats");
        double availability = stats.get("availability").asDouble();
        assertTrue(availability >= 0.99, "availability " + availability + " on a healthy cluster: " + r.output());
        // A failed compare is the store's answer: it counts as available, not as a success.
        assertTrue(stats.get("answered-fail").asLong() > 0, "the register workload's cas compares fail sometimes");
        assertTrue(stats.get("success-rate").asDouble() < availability, stats.toString());
    }
}
