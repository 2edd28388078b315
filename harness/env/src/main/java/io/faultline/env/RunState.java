package io.faultline.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The state file of one run: every namespace, link, address block and process the environment
 * created, written before the thing is created and removed after it is gone, so that
 * {@code faultline cleanup} finds what a crashed harness left behind. One line per entry,
 * {@code <kind> <value>}; rewritten atomically on each change.
 */
final class RunState {
    static final String OWNER = "owner";
    static final String KIND = "kind";
    static final String NETNS = "netns";
    static final String LINK = "link";
    static final String BLOCK = "block";
    static final String PROC = "proc";
    static final String DIR = "dir";

    private final Path file;
    private final Set<String> entries = new LinkedHashSet<>();
    /** Set once the run is torn down: late process-exit callbacks must not bring the file back. */
    private boolean deleted;

    private RunState(Path file, List<String> lines) {
        this.file = file;
        entries.addAll(lines);
    }

    /** The folder every run's state file lives in: /run/faultline as root, else under /tmp. */
    static Path directory() {
        String override = System.getProperty("faultline.state.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        if (Privileges.isRoot() && Files.isDirectory(Path.of("/run"))) {
            return Path.of("/run/faultline");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "faultline-state-" + System.getProperty("user.name"));
    }

    static RunState create(String runId) {
        try {
            Path dir = directory();
            Files.createDirectories(dir);
            Path file = dir.resolve(runId + ".state");
            if (Files.exists(file)) {
                RunState old = load(file);
                if (old.ownerAlive()) {
                    throw new EnvironmentException("run id '" + runId + "' is in use by a live harness (pid "
                            + old.values(OWNER).get(0) + "), see " + file);
                }
                throw new EnvironmentException("a crashed run '" + runId + "' left resources behind (" + file
                        + "); run './faultline cleanup' first");
            }
            RunState s = new RunState(file, List.of());
            s.add(OWNER, ProcessIdentity.self().toString());
            return s;
        } catch (IOException e) {
            throw new EnvironmentException("cannot write the state file under " + directory() + ": " + e.getMessage(), e);
        }
    }

    static RunState load(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return new RunState(file, lines);
    }

    static List<Path> all() throws IOException {
        Path dir = directory();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".state")).sorted().toList();
        }
    }

    Path file() {
        return file;
    }

    String runId() {
        String n = file.getFileName().toString();
        return n.substring(0, n.length() - ".state".length());
    }

    synchronized void add(String kind, String value) {
        if (deleted) {
            throw new EnvironmentException("run '" + runId() + "' is already torn down; cannot record " + kind + " " + value);
        }
        if (entries.add(kind + " " + value)) {
            write();
        }
    }

    synchronized void remove(String kind, String value) {
        if (entries.remove(kind + " " + value) && !deleted) {
            write();
        }
    }

    synchronized List<String> values(String kind) {
        String prefix = kind + " ";
        return entries.stream().filter(e -> e.startsWith(prefix)).map(e -> e.substring(prefix.length())).toList();
    }

    synchronized boolean ownerAlive() {
        List<String> owners = values(OWNER);
        return !owners.isEmpty() && ProcessIdentity.parse(owners.get(0)).map(ProcessIdentity::isAlive).orElse(false);
    }

    Optional<String> first(String kind) {
        List<String> v = values(kind);
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    synchronized boolean tornDown() {
        return deleted;
    }

    synchronized void delete() {
        deleted = true;
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new EnvironmentException("cannot delete state file " + file + ": " + e.getMessage(), e);
        }
    }

    private void write() {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, (String.join("\n", entries) + "\n").getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new EnvironmentException("cannot write state file " + file + ": " + e.getMessage(), e);
        }
    }
}
