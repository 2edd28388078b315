package io.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.faultline.campaign.CampaignSpec;
import io.faultline.testing.Checkout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI examples in docs/ci cannot run here, so this runs what they say: the shard command of each
 * for every shard, each in its own folder (a machine), moves the results as the CI system moves
 * artifacts, then the merge command. The campaign is swapped for a small one on the in-memory store
 * (campaigns/ci.yaml needs real clusters); everything else is taken from the files as written.
 */
class DocsCiTest {
    /** 4 runs of 0.5 s: two valid, a caught fault, a fault not detected (exit 1). */
    static final String CAMPAIGN = """
            name: ci-example
            defaults: {store: memory, workload: register, nemesis: kill, time-limit: 0.5, nemesis-interval: 0.1, concurrency: 3, rate: 100}
            matrix:
              seeds: [1, 2]
            runs:
              - {store-fault: phantom-reads, seed: 5, expect: anomaly}
              - {seed: 7, expect: anomaly}
            """;

    @TempDir
    Path tmp;

    static Path repo() {
        return Checkout.root();
    }

    @Test
    void githubActionsShardsUploadDownloadAndMerge() throws Exception {
        JsonNode wf = new YAMLMapper().readTree(repo().resolve("docs/ci/github-actions.yml").toFile());
        String campaign = wf.at("/env/CAMPAIGN").asText();
        assertCampaignIsCi(campaign);
        JsonNode shard = wf.at("/jobs/shard");
        List<Integer> matrix = new ArrayList<>();
        shard.at("/strategy/matrix/shard").forEach(n -> matrix.add(n.asInt()));
        int n = matrix.size();
        assertEquals(java.util.stream.IntStream.rangeClosed(1, n).boxed().toList(), matrix, "shards counted 1..N");
        assertEquals(false, shard.at("/strategy/fail-fast").asBoolean(true), "a shard's anomaly must not cancel the others");
        JsonNode merge = wf.at("/jobs/merge");
        assertEquals("shard", merge.get("needs").asText());
        assertEquals("${{ !cancelled() }}", merge.get("if").asText(), "the merge runs when a shard failed, to say so");

        String run = step(shard, "run", "--shard").get("run").asText();
        JsonNode upload = step(shard, "uses", "actions/upload-artifact@");
        JsonNode download = step(merge, "uses", "actions/download-artifact@");
        String mergeRun = step(merge, "run", "campaign merge").get("run").asText();
        Path file = write("ci-example.yaml", CAMPAIGN);
        Path store = tmp.resolve("artifact-store");
        for (int i : matrix) {
            Path machine = tmp.resolve("runner-" + i);
            String cmd = run.replace("${{ matrix.shard }}", Integer.toString(i)).replace("${{ strategy.job-total }}", Integer.toString(n));
            CliRun r = cli(machine, cmd, Map.of("$CAMPAIGN", file.toString()));
            assertTrue(r.exit() <= 1, cmd + ": " + r.err());
            String name = upload.at("/with/name").asText().replace("${{ matrix.shard }}", Integer.toString(i));
            copyContents(machine.resolve(upload.at("/with/path").asText()), store.resolve(name));
        }
        // download-artifact: every artifact matching the pattern, merged into one folder
        Path merger = tmp.resolve("runner-merge");
        assertTrue(download.at("/with/merge-multiple").asBoolean());
        String prefix = download.at("/with/pattern").asText().replace("*", "");
        try (Stream<Path> artifacts = Files.list(store)) {
            for (Path a : artifacts.filter(a -> a.getFileName().toString().startsWith(prefix)).toList()) {
                copyContents(a, merger.resolve(download.at("/with/path").asText()));
            }
        }
        CliRun merged = cli(merger, mergeRun, Map.of());
        checkMerged(merged, merger.resolve("results/ci-example"), n);
    }

    @Test
    void gitlabParallelJobsAndMerge() throws Exception {
        JsonNode ci = new YAMLMapper().readTree(repo().resolve("docs/ci/gitlab-ci.yml").toFile());
        assertCampaignIsCi(ci.at("/variables/CAMPAIGN").asText());
        JsonNode shard = ci.get("faultline-shard");
        JsonNode merge = ci.get("faultline-merge");
        int n = shard.get("parallel").asInt();
        assertTrue(n >= 2, "parallel: " + n);
        assertEquals("always", shard.at("/artifacts/when").asText(), "a shard that found an anomaly keeps its results");
        assertEquals("always", merge.get("when").asText(), "the merge runs when a shard failed, to say so");
        assertEquals("faultline-shard", merge.at("/needs/0/job").asText());
        String run = script(shard, "--shard");
        String mergeRun = script(merge, "campaign merge");
        Path file = write("ci-example.yaml", CAMPAIGN);
        // needs: artifacts of every parallel job are extracted into the merge job's project folder, at their paths
        Path project = tmp.resolve("merge-job");
        for (int i = 1; i <= n; i++) {
            Path machine = tmp.resolve("job-" + i);
            CliRun r = cli(machine, run, Map.of("$CI_NODE_INDEX", Integer.toString(i), "$CI_NODE_TOTAL", Integer.toString(n),
                    "$CAMPAIGN", file.toString()));
            assertTrue(r.exit() <= 1, run + ": " + r.err());
            for (JsonNode p : shard.at("/artifacts/paths")) copyContents(machine.resolve(p.asText()), project.resolve(p.asText()));
        }
        CliRun merged = cli(project, mergeRun, Map.of());
        // the junit report GitLab reads is the merged one, named after the campaign in $CAMPAIGN ("ci")
        String junit = merge.at("/artifacts/reports/junit").asText();
        assertEquals("results/ci/junit.xml", junit);
        checkMerged(merged, project.resolve(junit.replace("/ci/", "/ci-example/")).getParent(), n);
    }

    private static void checkMerged(CliRun merged, Path dir, int shards) throws IOException {
        assertEquals(1, merged.exit(), merged.out() + merged.err());
        assertEquals("", merged.err(), "no shard or run missing");
        assertTrue(merged.out().contains("merged shards " + String.join(", ",
                java.util.stream.IntStream.rangeClosed(1, shards).mapToObj(i -> i + "/" + shards).toList()) + " of campaign ci-example"),
                merged.out());
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals(List.of("PASS", "PASS", "PASS", "FAIL"), CampaignShardsTest.statuses(summary));
        assertTrue(Files.readString(dir.resolve("junit.xml")).contains("tests=\"4\" failures=\"1\" errors=\"0\""));
    }

    private static void assertCampaignIsCi(String campaign) throws Exception {
        assertEquals("campaigns/ci.yaml", campaign);
        assertEquals("ci", CampaignSpec.read(repo().resolve(campaign)).name());
    }

    /** Runs one command line of the examples in {@code cwd}: variables substituted, relative paths resolved against cwd. */
    private static CliRun cli(Path cwd, String line, Map<String, String> vars) throws IOException {
        String l = line.strip();
        for (var v : vars.entrySet()) l = l.replace(v.getKey(), v.getValue());
        l = l.replaceFirst("^sudo -E ", "");
        assertTrue(l.startsWith("./faultline campaign "), l);
        List<String> args = new ArrayList<>();
        String[] words = l.substring("./faultline campaign ".length()).split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String w = words[i].replace("\"", "");
            boolean path = !w.startsWith("-") && !w.equals("merge") && !(i > 0 && words[i - 1].equals("--shard"));
            args.add(path ? cwd.resolve(w).toString() : w);
        }
        Files.createDirectories(cwd);
        return CampaignShardsTest.cli(args.toArray(String[]::new));
    }

    private static JsonNode step(JsonNode job, String key, String contains) {
        for (JsonNode s : job.get("steps")) if (s.path(key).asText().contains(contains)) return s;
        throw new AssertionError("no step with " + key + " containing '" + contains + "' in " + job);
    }

    private static String script(JsonNode job, String contains) {
        for (JsonNode s : job.get("script")) if (s.asText().contains(contains)) return s.asText();
        throw new AssertionError("no script line containing '" + contains + "' in " + job);
    }

    private Path write(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static void copyContents(Path from, Path to) throws IOException {
        CampaignShardsTest.copyOf(from, to);
    }
}
