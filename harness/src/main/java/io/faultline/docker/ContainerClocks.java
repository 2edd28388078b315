package io.faultline.docker;

import io.faultline.env.ClockControl;
import io.faultline.env.EnvironmentException;
import io.faultline.env.ExecResult;
import io.faultline.env.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Clock offsets for processes in containers: each runs under the image's libfaketime with the
 * offset file in its node folder, which the harness rewrites on the host through the bind mount.
 * All containers share the host's kernel clock, so libfaketime is the only per-node clock there is.
 */
final class ContainerClocks implements ClockControl {
    private final Map<String, DockerNode> nodes = new ConcurrentHashMap<>();
    private final Map<String, Long> offsets = new ConcurrentHashMap<>();

    ContainerClocks(List<DockerNode> nodes) {
        for (DockerNode n : nodes) {
            this.nodes.put(n.name(), n);
            offsets.put(n.name(), 0L);
            write(n.offsetFile(), 0);
        }
    }

    @Override
    public void setOffsetMillis(Node node, long offsetMillis) {
        DockerNode n = own(node);
        write(n.offsetFile(), offsetMillis);
        offsets.put(n.name(), offsetMillis);
    }

    @Override
    public long offsetMillis(Node node) {
        return offsets.get(own(node).name());
    }

    @Override
    public void reset() {
        nodes.values().forEach(n -> setOffsetMillis(n, 0));
    }

    @Override
    public long observedMillis(Node node) {
        DockerNode n = own(node);
        try {
            ExecResult r = n.execUnderFaketime(List.of("date", "+%s%3N"));
            if (!r.ok()) {
                throw new EnvironmentException("reading the clock of " + n.name() + " failed: " + r.stderr().strip());
            }
            return Long.parseLong(r.stdout().strip());
        } catch (IOException | NumberFormatException e) {
            throw new EnvironmentException("reading the clock of " + n.name() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("interrupted reading the clock of " + n.name(), e);
        }
    }

    /** Checked in the container: Go binaries read the clock through the vDSO; others must have mapped libfaketime. */
    @Override
    public Optional<String> whyIgnored(Node node) {
        DockerNode n = own(node);
        for (ContainerProcess p : n.processes()) {
            try {
                ExecResult r = n.execPlain(List.of("sh", "-c",
                        "if grep -qa 'Go buildinf:' /proc/$1/exe; then echo go; "
                                + "elif ! grep -q libfaketime /proc/$1/maps; then echo unloaded; else echo ok; fi",
                        "probe", Long.toString(p.pid())));
                String what = r.stdout().strip();
                if (what.equals("go")) {
                    return Optional.of("node " + n.name() + ": " + p + " is a Go binary: its runtime reads the clock "
                            + "through the vDSO and ignores libfaketime");
                }
                if (!what.equals("ok")) {
                    return Optional.of("node " + n.name() + ": " + p + " has not loaded libfaketime");
                }
            } catch (IOException e) {
                return Optional.of("node " + n.name() + ": cannot inspect " + p + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            }
        }
        return Optional.empty();
    }

    /** libfaketime's relative format ("+1.250"), replaced in one rename so it never reads half a value. */
    static void write(Path file, long offsetMillis) {
        long abs = Math.abs(offsetMillis);
        String text = String.format(Locale.ROOT, "%s%d.%03d%n", offsetMillis < 0 ? "-" : "+", abs / 1000, abs % 1000);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new EnvironmentException("cannot write clock offset file " + file + ": " + e.getMessage(), e);
        }
    }

    private DockerNode own(Node node) {
        DockerNode n = nodes.get(node.name());
        if (n == null || n != node) {
            throw new IllegalArgumentException("node " + node + " is not a node of this environment");
        }
        return n;
    }
}
