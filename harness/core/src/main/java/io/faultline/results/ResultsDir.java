package io.faultline.results;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** One run's folder: {@code <root>/<test-name>/<yyyyMMdd'T'HHmmss>/}, and {@code <root>/latest} pointing at it. */
public record ResultsDir(Path root, Path dir) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    /** Creates the folder; a second run in the same second gets a "-1", "-2", ... suffix. */
    public static ResultsDir create(Path root, String testName, LocalDateTime startedAt) throws IOException {
        if (testName.isBlank() || testName.contains("/") || testName.startsWith(".")) {
            throw new IllegalArgumentException("test name must be a plain folder name: '" + testName + "'");
        }
        Path parent = root.resolve(testName);
        Files.createDirectories(parent);
        String stamp = STAMP.format(startedAt);
        for (int i = 0; ; i++) {
            Path candidate = parent.resolve(i == 0 ? stamp : stamp + "-" + i);
            try {
                Files.createDirectory(candidate);
                return new ResultsDir(root, candidate);
            } catch (FileAlreadyExistsException e) {
                // another run started in the same second
            }
        }
    }

    public Path history() {
        return dir.resolve("history.jsonl");
    }

    public Path testJson() {
        return dir.resolve("test.json");
    }

    public Path resultsJson() {
        return dir.resolve("results.json");
    }

    public Path reportHtml() {
        return dir.resolve("report.html");
    }

    public Path nodeDir(String node) {
        return dir.resolve("nodes").resolve(node);
    }

    /** Points {@code <root>/latest} at this run (relative link, replaced atomically). */
    public void markLatest() throws IOException {
        Path link = root.resolve("latest");
        Path tmp = root.resolve(".latest-" + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, root.relativize(dir));
        Files.move(tmp, link, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
