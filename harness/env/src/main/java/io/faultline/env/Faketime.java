package io.faultline.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * libfaketime as faultline uses it: LD_PRELOAD plus FAKETIME_TIMESTAMP_FILE, one offset file per
 * node that running processes re-read at most once per second (FAKETIME_CACHE_DURATION=1; reading
 * it on every clock call slows the JVM down). The monotonic clock stays real so that timers and
 * the JVM's own bookkeeping are not thrown backwards; the wall clock is what moves.
 */
public final class Faketime {
    private static final List<String> LIBRARY_CANDIDATES = List.of(
            "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
            "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
            "/usr/lib/faketime/libfaketime.so.1",
            "/usr/local/lib/faketime/libfaketime.so.1",
            "/usr/lib64/faketime/libfaketime.so.1");

    private Faketime() {
    }

    /** The libfaketime shared library, when installed. */
    public static Optional<Path> library() {
        String override = System.getenv("FAULTLINE_LIBFAKETIME");
        if (override != null && Files.isRegularFile(Path.of(override))) {
            return Optional.of(Path.of(override));
        }
        return LIBRARY_CANDIDATES.stream().map(Path::of).filter(Files::isRegularFile).findFirst();
    }

    /** The environment variables that put a process under libfaketime with this offset file. */
    public static Map<String, String> environment(Path library, Path offsetFile) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LD_PRELOAD", library.toString());
        env.put("FAKETIME_TIMESTAMP_FILE", offsetFile.toString());
        env.put("FAKETIME_CACHE_DURATION", "1");
        // 0.9.x reads FAKETIME_DONT_FAKE_MONOTONIC; without it a JVM's timed waits misbehave (a
        // raftstore cluster never elected a leader). The short name is what releases before 0.9.7 read.
        env.put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
        env.put("DONT_FAKE_MONOTONIC", "1");
        // glibc builds switch on a "monotonic fix" for pthread_cond_timedwait that, measured here,
        // stalls the JDK's HttpServer and timers: a raftstore node never answered /status. Off, it
        // answers in seconds and still follows the offset file.
        env.put("FAKETIME_FORCE_MONOTONIC_FIX", "0");
        return env;
    }

    /** libfaketime's relative format: "+1.250" is 1250 ms ahead, "-0.040" 40 ms behind. */
    public static String format(long offsetMillis) {
        long abs = Math.abs(offsetMillis);
        return String.format(Locale.ROOT, "%s%d.%03d", offsetMillis < 0 ? "-" : "+", abs / 1000, abs % 1000);
    }

    /** Replaces the file in one rename, so libfaketime never reads half an offset. */
    public static void writeOffset(Path file, long offsetMillis) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(tmp, format(offsetMillis) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new EnvironmentException("cannot write clock offset file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Why the process {@code pid} ignores libfaketime: not preloaded (a static binary, or started
     * without it), or a Go binary, whose runtime reads the clock through the vDSO.
     */
    static Optional<String> whyIgnored(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            String maps = Files.readString(proc.resolve("maps"), StandardCharsets.ISO_8859_1);
            Path exe = Files.readSymbolicLink(proc.resolve("exe"));
            if (isGoBinary(exe)) {
                return Optional.of("process " + pid + " (" + exe + ") is a Go binary: its runtime reads the clock "
                        + "through the vDSO and ignores libfaketime");
            }
            if (!maps.contains("libfaketime")) {
                return Optional.of("process " + pid + " (" + exe + ") has not loaded libfaketime (static binary, "
                        + "or started without LD_PRELOAD)");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("process " + pid + " cannot be inspected: " + e.getMessage());
        }
    }

    /** Go writes "\xff Go buildinf:" at the start of its .go.buildinfo section in every binary. */
    static boolean isGoBinary(Path exe) throws IOException {
        byte[] magic = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(exe), 1 << 16)) {
            int matched = 0;
            int b;
            while ((b = in.read()) >= 0) {
                if ((byte) b == magic[matched]) {
                    if (++matched == magic.length) {
                        return true;
                    }
                } else {
                    matched = (byte) b == magic[0] ? 1 : 0;
                }
            }
        }
        return false;
    }
}
