package io.faultline.stores.redis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Debian's {@code redis-server} and its version, found once when the store is built so that a
 * missing binary stops the run before anything starts. The same binary runs the sentinels
 * ({@code redis-server sentinel.conf --sentinel}; Debian's redis-sentinel is a link to it).
 */
record RedisBinary(Path path, String version) {
    static final String INSTALL = "apt-get install -y redis-server redis-sentinel";
    private static final Pattern VERSION = Pattern.compile("v=(\\S+)");

    static RedisBinary locate(String pathVar) {
        for (String dir : (pathVar == null ? "" : pathVar).split(":")) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, "redis-server");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return new RedisBinary(p.toAbsolutePath(), probeVersion(p));
        }
        throw new IllegalArgumentException("redis-server not found on PATH; install it with: " + INSTALL);
    }

    private static String probeVersion(Path bin) {
        return io.faultline.stores.BinaryVersion.probe(bin, VERSION, "'v='");
    }
}
