package io.faultline.serve;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Maps a request path to a file under the results root, refusing anything that would leave it:
 * "..", absolute paths, NUL bytes, and symbolic links that resolve outside the root.
 */
public final class SafePaths {
    private final Path realRoot;

    public SafePaths(Path root) throws IOException {
        this.realRoot = root.toRealPath();
    }

    /** Thrown for a path that would leave the results root. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * The real file for a relative, URL-encoded path; empty when absent.
     *
     * @throws Refused when the path (or a link on it) leads outside the root
     */
    public Optional<Path> resolve(String encoded) throws Refused {
        String rel;
        try {
            rel = URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Refused("malformed path encoding");
        }
        if (rel.indexOf('\0') >= 0 || rel.contains("\\")) throw new Refused("NUL or backslash in path");
        while (rel.startsWith("/")) rel = rel.substring(1);
        for (String part : rel.split("/")) if (part.equals("..")) throw new Refused("'..' in path");
        Path candidate;
        try {
            candidate = realRoot.resolve(rel).normalize();
        } catch (InvalidPathException e) {
            throw new Refused("invalid path");
        }
        if (!candidate.startsWith(realRoot)) throw new Refused("outside the results folder");
        if (!Files.exists(candidate)) return Optional.empty();
        try {
            Path real = candidate.toRealPath();
            if (!real.startsWith(realRoot)) throw new Refused("a link leads outside the results folder");
            return Optional.of(real);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Path root() {
        return realRoot;
    }
}
