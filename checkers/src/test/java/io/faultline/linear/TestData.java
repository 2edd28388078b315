package io.faultline.linear;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds ../shared/data relative to the repository root (the folder holding mvnw). */
public final class TestData {
    private TestData() {
    }

    public static Optional<Path> porcupine() {
        String prop = System.getProperty("faultline.data");
        if (prop != null) return Optional.of(Path.of(prop, "porcupine")).filter(Files::isDirectory);
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) dir = dir.getParent();
        if (dir == null) return Optional.empty();
        Path p = dir.resolve("../shared/data/porcupine").normalize();
        return Files.isRegularFile(p.resolve("expected.tsv")) ? Optional.of(p) : Optional.empty();
    }
}
