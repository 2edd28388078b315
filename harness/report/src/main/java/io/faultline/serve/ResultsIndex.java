package io.faultline.serve;

import io.faultline.results.ResultsRecord;
import io.faultline.results.RunFolderException;
import io.faultline.results.RunRecords;
import io.faultline.results.TestRecord;
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
        RunRecords records;
        try {
            records = RunRecords.read(dir);
        } catch (RunFolderException e) {
            return null; // a half-written or foreign folder: not a run we can show
        }
        TestRecord test = records.test();
        ResultsRecord results = records.results();
        String id = root.relativize(dir).toString().replace('\\', '/');
        Map<String, String> checkers = new LinkedHashMap<>();
        Map<String, Integer> anomalies = new LinkedHashMap<>();
        if (results != null && results.checkers() != null) for (Map<String, Object> c : results.checkers()) {
            String name = String.valueOf(c.getOrDefault("checker", "?"));
            checkers.put(name, String.valueOf(c.getOrDefault("verdict", "?")));
            anomalies.put(name, c.get("anomalies") instanceof List<?> l ? l.size() : 0);
        }
        ResultsRecord.Stats stats = results == null ? null : results.stats();
        String started = test.started() != null ? test.started() : dir.getFileName().toString();
        List<String> sf = test.storeFaults() == null ? List.of() : test.storeFaults();
        return new RunEntry(id, test.name() != null ? test.name() : id,
                results == null || results.verdict() == null ? "unchecked" : results.verdict(),
                or(test.store()), or(test.workload()), test.faults().isEmpty() ? "none" : String.join(",", test.faults()),
                sf.isEmpty() ? "-" : String.join(",", sf), or(test.seed()), started, checkers, anomalies,
                num(stats == null ? null : stats.availability()), num(stats == null ? null : stats.availabilityDuringFaults()),
                num(stats == null ? null : stats.latencyP50Ms()), num(stats == null ? null : stats.latencyP99Ms()),
                stats == null ? 0 : stats.ok(), stats == null ? 0 : stats.fail(), stats == null ? 0 : stats.info(),
                // the runner's own minimal report has no plots; such runs get a "build report" link instead
                Files.isRegularFile(dir.resolve("report.html"))
                        && Files.isRegularFile(dir.resolve(io.faultline.report.ReportBuilder.LATENCY_PNG)));
    }

    private static double num(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static String or(Object v) {
        return v == null ? "?" : String.valueOf(v);
    }
}
