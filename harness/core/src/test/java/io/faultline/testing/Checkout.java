package io.faultline.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkout's root for tests that read its files (campaigns, docs) or start its programs
 * (raftstore classes): {@code -Dfaultline.home} when set (./faultline sets it), else the nearest
 * folder above the working directory that holds {@code mvnw} and {@code harness/} — surefire runs
 * in the module's folder, one level down for workloads, two for harness/cli.
 */
public final class Checkout {
    private Checkout() {
    }

    public static Path root() {
        String prop = System.getProperty("faultline.home");
        if (prop != null) return Path.of(prop).toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("harness"))) return p;
        }
        throw new AssertionError("no faultline checkout (mvnw and harness/) at or above " + cwd + "; set -Dfaultline.home");
    }
}
