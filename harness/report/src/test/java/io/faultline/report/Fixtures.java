package io.faultline.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Recorded run folders under src/test/resources/fixtures/, copied so tests can write reports into them. */
public final class Fixtures {
    /** A real raftstore register run with partitions and --store-fault stale-reads that stayed valid (the fault did not fire). */
    public static final String VALID = "register-partition-valid";
    /** A real raftstore register run with --store-fault follower-reads that the linearizability checker caught. */
    public static final String STALE = "register-follower-reads";

    private Fixtures() {
    }

    public static Path source(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("fixture " + name + " missing from src/test/resources/fixtures", e);
        }
    }

    /** Copies the fixture to {@code target/<test>/<time>/}, the shape of a results folder. */
    public static Path copy(String name, Path root, String test, String stamp) {
        Path to = root.resolve(test).resolve(stamp);
        try {
            Files.createDirectories(to);
            try (Stream<Path> s = Files.list(source(name))) {
                for (Path p : s.toList()) Files.copy(p, to.resolve(p.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }
}
