package io.faultline.results;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two JSON files of a run folder, typed: test.json (always there) and results.json (null
 * when the run did not get as far as checking).
 */
public record RunRecords(TestRecord test, ResultsRecord results) {

    public static RunRecords read(Path runDir) throws RunFolderException {
        TestRecord test = TestRecord.read(runDir.resolve("test.json"));
        Path rj = runDir.resolve("results.json");
        return new RunRecords(test, Files.isRegularFile(rj) ? ResultsRecord.read(rj) : null);
    }
}
