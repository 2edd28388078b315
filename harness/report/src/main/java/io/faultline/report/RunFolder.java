package io.faultline.report;

import io.faultline.history.History;
import io.faultline.history.HistoryFormatException;
import io.faultline.history.JsonlReader;
import io.faultline.results.ResultsRecord;
import io.faultline.results.RunFolderException;
import io.faultline.results.RunRecords;
import io.faultline.results.TestRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One run folder as read back from disk: test.json and results.json in their typed models
 * ({@link TestRecord}, {@link ResultsRecord}; results is null when the run did not get as far as
 * checking) and history.jsonl.
 */
public record RunFolder(Path dir, TestRecord test, ResultsRecord results, History history) {

    public static RunFolder read(Path dir) throws ReportException {
        if (!Files.isDirectory(dir)) throw new ReportException(dir + ": not a folder");
        Path history = dir.resolve("history.jsonl");
        if (!Files.isRegularFile(history)) {
            throw new ReportException(dir + ": no history.jsonl (expected a run folder results/<test>/<time>/)");
        }
        RunRecords records;
        try {
            records = RunRecords.read(dir);
        } catch (RunFolderException e) {
            throw new ReportException(e.getMessage());
        }
        History h;
        try {
            h = JsonlReader.read(history);
        } catch (HistoryFormatException e) {
            throw new ReportException(e.getMessage());
        } catch (IOException e) {
            throw new ReportException(history + ": " + e.getMessage());
        }
        return new RunFolder(dir, records.test(), records.results(), h);
    }

    /** The run's name, or the folder's when test.json lacks it. */
    public String name() {
        return test.name() != null ? test.name() : dir.getFileName().toString();
    }

    /** The overall verdict in results.json: "valid", "invalid", "unknown", or "unchecked". */
    public String verdict() {
        return results == null || results.verdict() == null ? "unchecked" : results.verdict();
    }

    public List<Map<String, Object>> checkers() {
        return results == null || results.checkers() == null ? List.of() : results.checkers();
    }

    public String nemesisText() {
        return test.faults().isEmpty() ? "none" : String.join(",", test.faults());
    }

    /** A field for display: its value, or {@code fallback} when test.json lacks it. */
    public static String or(Object value, String fallback) {
        return value == null ? fallback : String.valueOf(value);
    }
}
