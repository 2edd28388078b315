package io.faultline.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.history.History;
import io.faultline.history.HistoryFormatException;
import io.faultline.history.JsonlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The files of one run folder as read back from disk: test.json, results.json (absent when the
 * run did not get as far as checking) and history.jsonl.
 */
public record RunFolder(Path dir, Map<String, Object> test, Map<String, Object> results, History history) {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    public static RunFolder read(Path dir) throws ReportException {
        if (!Files.isDirectory(dir)) throw new ReportException(dir + ": not a folder");
        Path history = dir.resolve("history.jsonl");
        if (!Files.isRegularFile(history)) {
            throw new ReportException(dir + ": no history.jsonl (expected a run folder results/<test>/<time>/)");
        }
        Map<String, Object> test = readJson(dir.resolve("test.json"), true);
        Map<String, Object> results = readJson(dir.resolve("results.json"), false);
        History h;
        try {
            h = JsonlReader.read(history);
        } catch (HistoryFormatException e) {
            throw new ReportException(e.getMessage());
        } catch (IOException e) {
            throw new ReportException(history + ": " + e.getMessage());
        }
        return new RunFolder(dir, test, results, h);
    }

    /** Reads a JSON object file; a missing optional file is an empty map. */
    public static Map<String, Object> readJson(Path file, boolean required) throws ReportException {
        if (!Files.isRegularFile(file)) {
            if (required) throw new ReportException(file + ": missing (every run folder has one)");
            return Map.of();
        }
        try {
            return new ObjectMapper().readValue(file.toFile(), MAP);
        } catch (IOException e) {
            throw new ReportException(file + ": not a JSON object: " + e.getMessage());
        }
    }

    public String text(String key, String fallback) {
        Object v = test.get(key);
        return v == null ? fallback : String.valueOf(v);
    }

    /** The overall verdict in results.json: "valid", "invalid", "unknown", or "unchecked". */
    public String verdict() {
        Object v = results.get("verdict");
        return v == null ? "unchecked" : v.toString();
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> checkers() {
        Object c = results.get("checkers");
        return c instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    public String nemesisText() {
        Object n = test.get("nemesis");
        if (n instanceof List<?> l) return l.isEmpty() ? "none" : String.join(",", l.stream().map(String::valueOf).toList());
        return n == null ? "none" : n.toString();
    }
}
