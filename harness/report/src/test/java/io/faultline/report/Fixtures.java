package io.faultline.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Recorded run folders under src/test/resources/fixtures/, copied so tests can write reports into them. */
public final class Fixtures {
    /** A real raftstore register run with partitions and --store-fault stale-reads that stayed valid (the fault did not fire). */
    public static final String VALID = "register-partition-valid";
    /** A real raftstore register run with --store-fault follower-reads that the linearizability checker caught. */
    public static final String STALE = "register-follower-reads";

    private Fixtures() {
    }

    /** The files of a fixture run folder. */
    static final java.util.List<String> FILES = java.util.List.of("test.json", "history.jsonl", "results.json");

    /**
     * Copies the fixture to {@code <root>/<test>/<stamp>/}, the shape of a results folder. Read as
     * class path resources, so the modules above this one find them in its test jar too.
     */
    public static Path copy(String name, Path root, String test, String stamp) {
        Path to = root.resolve(test).resolve(stamp);
        try {
            Files.createDirectories(to);
            for (String f : FILES) {
                try (java.io.InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name + "/" + f)) {
                    if (in == null) throw new IllegalStateException("fixture " + name + "/" + f + " missing from src/test/resources/fixtures");
                    Files.copy(in, to.resolve(f));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }
}
