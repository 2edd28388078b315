package io.faultline.results;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.faultline.test.TestDefinition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * test.json: what a run was asked to do (every option and the seed) and what it ran against, as
 * the runner writes it and the report, {@code report --recheck} and the results browser read it.
 * Fields of older or newer runs that this version does not know are ignored on reading; fields
 * they lack read as null.
 */
@JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
public record TestRecord(String name, String environment, String store, Integer nodes, String workload,
                         List<String> nemesis, List<String> nemesisKinds, Double nemesisIntervalS, Double timeLimitS, Integer concurrency,
                         Double rate, Long seed, List<String> storeFaults, Map<String, String> options,
                         Boolean leaveRunning, String storeVersion, Map<String, String> storeProcessSettings,
                         String java, String started) {

    /** @param storeProcessSettings how the store's processes were started (JVM options, flags), for a fair comparison */
    public static TestRecord of(TestDefinition def, List<String> nemesisKinds, String storeVersion,
                                Map<String, String> storeProcessSettings, String started) {
        return new TestRecord(def.name(), def.environment(), def.store(), def.nodes(), def.workload(),
                def.nemesis().faults(), List.copyOf(nemesisKinds), def.nemesis().interval().toMillis() / 1000.0,
                def.timeLimit().toMillis() / 1000.0, def.concurrency(), def.rate(), def.seed(), def.storeFaults(),
                new java.util.TreeMap<>(def.options()), def.leaveRunning(), storeVersion,
                new java.util.LinkedHashMap<>(storeProcessSettings), Runtime.version().toString(), started);
    }

    public static TestRecord read(Path file) throws RunFolderException {
        return RunFolderFile.read(file, TestRecord.class, "a test.json as a run writes it");
    }

    public void write(Path file) throws IOException {
        RunFolderFile.write(file, this);
    }

    /** The requested faults as asked for (kinds or packages); none when the run had no nemesis. */
    public List<String> faults() {
        return nemesis == null ? List.of() : nemesis;
    }

    /** The settings whose names start with {@code prefix + "."}, with the prefix removed. */
    public Map<String, String> optionsFor(String prefix) {
        Map<String, String> out = new java.util.TreeMap<>();
        if (options != null) options.forEach((k, v) -> {
            if (k.startsWith(prefix + ".")) out.put(k.substring(prefix.length() + 1), v);
        });
        return out;
    }

    /** Every field as written, in order, for a settings table. */
    public Map<String, Object> fields() {
        return RunFolderFile.fields(this);
    }
}
