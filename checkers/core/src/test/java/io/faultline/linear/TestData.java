package io.faultline.linear;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the repository root (the folder holding mvnw) and ../shared/data beside it. */
public final class TestData {
    private TestData() {
    }

    public static Optional<Path> porcupine() {
        String prop = System.getProperty("faultline.data");
        if (prop != null) return Optional.of(Path.of(prop, "porcupine")).filter(Files::isDirectory);
        return checkout().map(dir -> dir.resolve("../shared/data/porcupine").normalize())
                .filter(p -> Files.isRegularFile(p.resolve("expected.tsv")));
    }

    /** The checkout's root (the folder holding mvnw), whichever module folder the test runs in. */
    public static Optional<Path> checkout() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) dir = dir.getParent();
        return Optional.ofNullable(dir);
    }
}
