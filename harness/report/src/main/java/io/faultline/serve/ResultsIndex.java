package io.faultline.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The run folders under a results root: any folder holding a test.json, up to four levels deep
 * (results/&lt;test&gt;/&lt;time&gt;/ and campaign runs results/&lt;campaign&gt;/&lt;run&gt;/&lt;time&gt;/).
 * The {@code latest} link is not followed, so each run is listed once.
 */
public final class ResultsIndex {
    private static final int DEPTH = 4;
    private final Path root;
    private final ObjectMapper json = new ObjectMapper();

    public ResultsIndex(Path root) {
        this.root = root;
    }

    public List<RunEntry> runs() throws IOException {
        if (!Files.isDirectory(root)) return List.of();
        List<RunEntry> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root, DEPTH)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!p.getFileName().toString().equals("test.json") || Files.isSymbolicLink(p.getParent())) continue;
                RunEntry e = entry(p.getParent());
                if (e != null) out.add(e);
            }
        }
        out.sort(Comparator.comparing(RunEntry::started).reversed().thenComparing(RunEntry::id));
        return out;
    }

    public RunEntry find(String id) throws IOException {
        for (RunEntry e : runs()) if (e.id().equals(id)) return e;
        return null;
    }

    private RunEntry entry(Path dir) {
        JsonNode test, results;
        try {
            test = json.readTree(dir.resolve("test.json").toFile());
            Path rj = dir.resolve("results.json");
            results = Files.isRegularFile(rj) ? json.readTree(rj.toFile()) : json.createObjectNode();
        } catch (IOException e) {
            return null; // a half-written or foreign folder: not a run we can show
        }
        String id = root.relativize(dir).toString().replace('\\', '/');
        Map<String, String> checkers = new LinkedHashMap<>();
        Map<String, Integer> anomalies = new LinkedHashMap<>();
        for (JsonNode c : results.path("checkers")) {
            String name = c.path("checker").asText("?");
            checkers.put(name, c.path("verdict").asText("?"));
            anomalies.put(name, c.path("anomalies").size());
        }
        JsonNode stats = results.path("stats");
        String started = test.path("started").asText(dir.getFileName().toString());
        List<String> nem = new ArrayList<>();
        test.path("nemesis").forEach(n -> nem.add(n.asText()));
        List<String> sf = new ArrayList<>();
        test.path("store-faults").forEach(n -> sf.add(n.asText()));
        return new RunEntry(id, test.path("name").asText(id), results.path("verdict").asText("unchecked"),
                test.path("store").asText("?"), test.path("workload").asText("?"), nem.isEmpty() ? "none" : String.join(",", nem),
                sf.isEmpty() ? "-" : String.join(",", sf), test.path("seed").asText("?"), started, checkers, anomalies,
                num(stats.get("availability")), num(stats.get("availability-during-faults")), num(stats.get("latency-p50-ms")),
                num(stats.get("latency-p99-ms")), stats.path("ok").asLong(), stats.path("fail").asLong(), stats.path("info").asLong(),
                // the runner's own minimal report has no plots; such runs get a "build report" link instead
                Files.isRegularFile(dir.resolve("report.html"))
                        && Files.isRegularFile(dir.resolve(io.faultline.report.ReportBuilder.LATENCY_PNG)));
    }

    private static double num(JsonNode n) {
        return n == null || !n.isNumber() ? Double.NaN : n.asDouble();
    }
}
