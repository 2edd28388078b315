package io.faultline.stores.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
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
        try {
            Process p = new ProcessBuilder(bin.toString(), "--version").redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalArgumentException(bin + " --version did not finish within 10 s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            Matcher m = VERSION.matcher(text);
            if (p.exitValue() != 0 || !m.find()) {
                throw new IllegalArgumentException(bin + " --version answered (exit " + p.exitValue() + ") without 'v=': " + text.strip());
            }
            return m.group(1);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot run " + bin + " --version: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("interrupted while running " + bin + " --version", e);
        }
    }
}
