package io.faultline.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Merges the folders of a sharded campaign ({@code campaign FILE --shard I/N}) into the summary,
 * JUnit XML and state an unsharded run of the same file writes, in the same order and through the
 * same {@link CampaignResult}, so the exit code follows the same rules. Shards of different campaign
 * files, or the same shard twice, are refused; a run no shard reports (a shard missing, or stopped
 * early) counts as a harness failure, because a test that did not happen is never valid.
 */
public final class CampaignMerge {
    /** How deep below a given folder shard folders are looked for (results/<campaign>/shard-I-of-N and CI artifact folders above it). */
    static final int SEARCH_DEPTH = 6;

    /**
     * @param problems what the merged result lacks (missing shards and runs, run folders not found),
     *                 one line each, for the caller to say loudly
     */
    public record Merged(CampaignResult result, Path dir, List<Shard> shards, String source, List<String> problems) {
        public Merged {
            shards = List.copyOf(shards);
            problems = List.copyOf(problems);
        }
    }

    private record Found(Path folder, ShardManifest manifest) {
    }

    /** Merges the shards found in or below {@code inputs} into {@code resultsRoot/<campaign>/}. */
    public Merged merge(List<Path> inputs, Path resultsRoot) throws CampaignException {
        List<Found> found = new ArrayList<>();
        for (Path folder : shardFolders(inputs)) found.add(new Found(folder, ShardManifest.read(folder)));
        ShardManifest first = found.getFirst().manifest();
        for (Found f : found) {
            ShardManifest m = f.manifest();
            if (!m.campaign().equals(first.campaign()) || !m.fingerprint().equals(first.fingerprint())) {
                throw new CampaignException("shards of different campaigns cannot be merged: " + describe(found.getFirst()) + " and "
                        + describe(f) + "; merge only the shards of one campaign file, run from the same version of it");
            }
            if (m.shard().count() != first.shard().count()) {
                throw new CampaignException("shards cut differently cannot be merged: " + f.folder() + " is shard " + m.shard()
                        + " but " + found.getFirst().folder() + " is shard " + first.shard()
                        + "; give only the folders of one cut (every shard run with the same --shard I/N total)");
            }
        }
        Map<Integer, Found> byIndex = new TreeMap<>();
        for (Found f : found) {
            Found twice = byIndex.putIfAbsent(f.manifest().shard().index(), f);
            if (twice != null) {
                throw new CampaignException("overlapping shards: shard " + f.manifest().shard() + " is given twice, in "
                        + twice.folder() + " and " + f.folder() + "; give each shard's folder once");
            }
        }
        CampaignSpec spec = first.spec();
        int count = first.shard().count();
        ShardPlan plan = ShardPlan.of(spec, count);
        for (Found f : found) {
            List<String> planned = plan.runs(f.manifest().shard()).stream().map(RunSpec::id).toList();
            if (!planned.equals(f.manifest().runs())) {
                throw new CampaignException(f.folder() + ": shard " + f.manifest().shard() + " ran " + f.manifest().runs()
                        + " but this faultline assigns " + planned + " to it; were the shards made by another faultline version?");
            }
        }
        Path dir = resultsRoot.resolve(spec.name()).toAbsolutePath().normalize();
        for (Found f : found) {
            if (f.folder().toAbsolutePath().normalize().equals(dir)) {
                throw new CampaignException("--results " + resultsRoot + " would write the merged summary over shard "
                        + f.manifest().shard() + "'s own in " + f.folder() + "; choose another results folder");
            }
        }

        List<String> problems = new ArrayList<>();
        Map<Integer, Map<String, JsonNode>> reported = new HashMap<>();
        double slowest = 0;
        for (Found f : found) {
            Map<String, JsonNode> runs = summaryRuns(f, problems);
            reported.put(f.manifest().shard().index(), runs);
            slowest = Math.max(slowest, runs.values().stream().mapToDouble(r -> r.path("seconds").asDouble()).sum());
        }
        for (int i = 1; i <= count; i++) {
            if (!byIndex.containsKey(i)) {
                problems.add("shard " + i + "/" + count + " is missing: its " + plan.runs(new Shard(i, count)).size()
                        + " runs count as harness failures (run ./faultline campaign " + first.source() + " --shard " + i + "/" + count
                        + " and give its folder to merge)");
            }
        }
        List<RunOutcome> outcomes = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        for (RunSpec rs : spec.runs()) {
            int s = plan.shardOf(rs);
            Found f = byIndex.get(s);
            JsonNode r = f == null ? null : reported.get(s).get(rs.id());
            if (r == null) {
                String why = f == null ? "not run: shard " + s + "/" + count + " was not given to campaign merge"
                        : "not run: shard " + s + "/" + count + " (" + f.folder() + ") has no result for this run; it stopped"
                        + " before it: run ./faultline campaign " + first.source() + " --shard " + s + "/" + count + " again";
                outcomes.add(new RunOutcome(rs, "error", false, why, Map.of(), List.of(), null, 0, Double.NaN, Double.NaN, false));
                continue;
            }
            String runDir = relocate(r.path("dir").asText(null), Path.of(f.manifest().dir()), f.folder());
            if (runDir == null && !r.path("dir").isNull() && !r.path("dir").isMissingNode()) lost.add(rs.id());
            outcomes.add(CampaignState.outcome(rs, r, runDir, r.path("resumed").asBoolean(false)));
        }
        for (Found f : found) {
            long incomplete = f.manifest().runs().stream().filter(id -> !reported.get(f.manifest().shard().index()).containsKey(id)).count();
            if (incomplete > 0) {
                problems.add("shard " + f.manifest().shard() + " (" + f.folder() + ") reports " + (f.manifest().runs().size() - incomplete)
                        + " of its " + f.manifest().runs().size() + " runs: the rest count as harness failures");
            }
        }
        if (!lost.isEmpty()) {
            problems.add(lost.size() + " run folder(s) not found beside their shard's summary (were they left out of the CI"
                    + " artifacts?), so the merged summary cannot link their reports: " + String.join(", ", lost.stream().limit(5).toList())
                    + (lost.size() > 5 ? ", ..." : ""));
        }

        CampaignResult result = new CampaignResult(spec.name(), outcomes, slowest);
        try {
            Summary.writeAll(result, dir);
        } catch (IOException e) {
            throw new CampaignException("cannot write the merged summary in " + dir + ": " + e.getMessage(), e);
        }
        // The merged state lets an unsharded re-run of the file in the same results folder skip what the shards finished.
        CampaignState state = CampaignState.load(dir);
        for (RunOutcome o : outcomes) state.record(o);
        List<Shard> shards = byIndex.values().stream().map(f -> f.manifest().shard()).toList();
        return new Merged(result, dir, shards, first.source(), problems);
    }

    /** The shard folders in or below the given folders, each once, in a stable order. */
    static List<Path> shardFolders(List<Path> inputs) throws CampaignException {
        if (inputs.isEmpty()) throw new CampaignException("no folders given: give the shards' folders (or one folder holding them)");
        Map<Path, Path> byRealPath = new LinkedHashMap<>();
        for (Path in : inputs) {
            if (!Files.isDirectory(in)) throw new CampaignException(in + ": not a folder");
            List<Path> here;
            if (Files.isRegularFile(in.resolve(ShardManifest.FILE))) {
                here = List.of(in);
            } else {
                try (Stream<Path> s = Files.walk(in, SEARCH_DEPTH)) {
                    here = s.filter(p -> p.getFileName().toString().equals(ShardManifest.FILE) && Files.isRegularFile(p))
                            .map(Path::getParent).sorted().toList();
                } catch (IOException e) {
                    throw new CampaignException(in + ": cannot list: " + e.getMessage(), e);
                }
            }
            if (here.isEmpty()) {
                throw new CampaignException(in + ": no " + ShardManifest.FILE + " in it or below it: give the folders that"
                        + " `./faultline campaign FILE --shard I/N` wrote (RESULTS/<campaign>/shard-I-of-N) or a folder holding them");
            }
            for (Path p : here) {
                try {
                    byRealPath.putIfAbsent(p.toRealPath(), p);
                } catch (IOException e) {
                    throw new CampaignException(p + ": " + e.getMessage(), e);
                }
            }
        }
        return List.copyOf(byRealPath.values());
    }

    /** The shard's summary.json runs by id; a shard that never wrote one reports no run. */
    private static Map<String, JsonNode> summaryRuns(Found f, List<String> problems) throws CampaignException {
        Path file = f.folder().resolve("summary.json");
        Map<String, JsonNode> runs = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            problems.add("shard " + f.manifest().shard() + " (" + f.folder() + ") has no summary.json: it did not finish a single run");
            return runs;
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new CampaignException(file + ": unreadable: " + e.getMessage(), e);
        }
        if (root == null || !root.path("runs").isArray() || !f.manifest().campaign().equals(root.path("campaign").asText())) {
            throw new CampaignException(file + ": not the summary of campaign " + f.manifest().campaign());
        }
        for (JsonNode r : root.get("runs")) {
            String id = r.path("id").asText("");
            if (!f.manifest().runs().contains(id)) {
                throw new CampaignException(file + ": run '" + id + "' is not one of shard " + f.manifest().shard() + "'s runs "
                        + f.manifest().runs() + "; the folder mixes results of different shards");
            }
            runs.put(id, r);
        }
        return runs;
    }

    /** The run folder where it is now: CI moves a shard's folder between the machine that ran it and the one that merges. */
    static String relocate(String recorded, Path recordedShard, Path actualShard) {
        if (recorded == null || recorded.isEmpty()) return null;
        Path d = Path.of(recorded).normalize();
        if (d.startsWith(recordedShard)) {
            Path local = actualShard.resolve(recordedShard.relativize(d));
            if (Files.isDirectory(local)) return local.toAbsolutePath().normalize().toString();
        }
        return Files.isDirectory(d) ? recorded : null;
    }

    private static String describe(Found f) {
        ShardManifest m = f.manifest();
        return f.folder() + " (campaign " + m.campaign() + " from " + m.source() + ", fingerprint " + m.fingerprint().substring(0, 12) + ")";
    }
}
