package io.faultline.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.cli.Main;
import io.faultline.docker.DockerEngine;
import io.faultline.docker.DockerImages;
import io.faultline.runner.NemesisRegistry;
import io.faultline.store.StoreRegistry;
import io.faultline.testing.Checkout;
import io.faultline.workload.WorkloadRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Campaigns with every store, workload and nemesis on the class path: validation, and env honoured. */
class CampaignEnvironmentTest {
    private static Path home() {
        return Checkout.root();
    }

    @Test
    void dryRunValidatesEveryRunAndNamesTheFileAndTheRun(@TempDir Path tmp) throws Exception {
        CampaignValidator v = new CampaignValidator(StoreRegistry.load(), WorkloadRegistry.load(), NemesisRegistry.load());
        v.validate(CampaignSpec.read(home().resolve("campaigns/ci.yaml")), "campaigns/ci.yaml");

        Path good = tmp.resolve("good.yaml");
        Files.writeString(good, "name: g\nmatrix: {stores: [raftstore, etcd], nemeses: [partition, kill], seeds: [1]}\n");
        assertEquals(0, Main.execute("campaign", good.toString(), "--dry-run"));

        Path badOption = tmp.resolve("bad-option.yaml");
        Files.writeString(badOption, "name: b\nruns:\n  - {nemesis: partition, seed: 1}\n"
                + "  - {nemesis: partition, seed: 2, opts: {nemesis.partition.modes: sideways}}\n");
        CampaignException e = assertThrows(CampaignException.class, () -> v.validate(CampaignSpec.read(badOption), badOption.toString()));
        assertTrue(e.getMessage().startsWith(badOption + ": run raftstore-register-partition-s2"), e.getMessage());
        assertTrue(e.getMessage().contains("sideways"), e.getMessage());
        assertEquals(3, Main.execute("campaign", badOption.toString(), "--dry-run"));

        Path badStore = tmp.resolve("bad-store.yaml");
        Files.writeString(badStore, "name: s\nruns:\n  - {store: mongo, seed: 1}\n");
        CampaignException s = assertThrows(CampaignException.class, () -> v.validate(CampaignSpec.read(badStore), "bad-store.yaml"));
        assertTrue(s.getMessage().contains("unknown store 'mongo'"), s.getMessage());
        assertTrue(Files.notExists(tmp.resolve("s")) && Files.notExists(tmp.resolve("b")), "a dry run runs nothing");
    }

    /** {@code env: docker} in a campaign runs in containers (it once ran on namespaces, silently). */
    @Test
    void envDockerInACampaignRunsInContainers(@TempDir Path tmp) throws Exception {
        Optional<String> why = DockerEngine.whyNotReady(List.of(DockerImages.forStore("raftstore")));
        if (why.isPresent() && DockerEngine.underCi()) throw new AssertionError("CI=true, and docker is not ready: " + why.get());
        Assumptions.assumeTrue(why.isEmpty(), () -> "docker not ready: " + why.get());
        CampaignSpec spec = CampaignSpec.parse("name: in-docker\ndefaults: {env: docker, time-limit: 10, nemesis-interval: 2, concurrency: 4, rate: 50}\n"
                + "runs:\n  - {store: raftstore, workload: register, nemesis: kill, seed: 1}\n", "in-docker.yaml");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CampaignResult r = new CampaignRunner(new RunnerExecutor(home()), tmp, new PrintStream(out, true, StandardCharsets.UTF_8), false)
                .run(spec);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, r.exitCode(), text);
        RunOutcome o = r.runs().getFirst();
        JsonNode results = new ObjectMapper().readTree(Path.of(o.dir()).resolve("results.json").toFile());
        assertEquals("docker", results.get("environment").asText(), "the run said where it ran: " + results);
        assertTrue(Files.readString(Path.of(o.dir()).resolve("history.jsonl")).contains("\"verified\":true"),
                "the kill in the container was verified");
    }
}
