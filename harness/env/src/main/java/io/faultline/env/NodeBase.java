package io.faultline.env;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every node under libfaketime shares, wherever its processes run (this host, a namespace,
 * a container, a remote host): its name, address and folder, the offset file in that folder, the
 * libfaketime library its processes are started with (if any) and their settings, the processes it
 * started, and the limit on short commands.
 */
public abstract class NodeBase<P extends NodeProcess> implements FaketimeNode {
    /** How long a short command (iptables, kill, a clock read) may take. */
    protected static final Duration EXEC_LIMIT = Duration.ofSeconds(30);
    /** Prints "go", "unloaded" or "ok" for the process $1, from its executable and its memory map. */
    private static final String CLOCK_PROBE = "if grep -qa 'Go buildinf:' /proc/$1/exe; then echo go; "
            + "elif ! grep -q libfaketime /proc/$1/maps; then echo unloaded; else echo ok; fi";

    protected final String name;
    protected final String host;
    protected final Path dir;
    private final Optional<Path> faketimeLibrary;
    private final List<P> processes = new CopyOnWriteArrayList<>();

    /** @param faketimeLibrary the libfaketime library where the processes run, when they run under it */
    protected NodeBase(String name, String host, Path dir, Optional<Path> faketimeLibrary) {
        this.name = name;
        this.host = host;
        this.dir = dir;
        this.faketimeLibrary = faketimeLibrary;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String host() {
        return host;
    }

    @Override
    public final Path dir() {
        return dir;
    }

    /** In the node's folder on this machine; a node whose processes run elsewhere names its own. */
    @Override
    public Path offsetFile() {
        return dir.resolve("faketime.offset");
    }

    /** Whether this node's processes start under libfaketime. */
    public final boolean underFaketime() {
        return faketimeLibrary.isPresent();
    }

    /** The variables that put a process under libfaketime with this node's offset file; none without the library. */
    protected final Map<String, String> faketimeEnvironment() {
        return faketimeLibrary.map(lib -> Faketime.environment(lib, offsetFile())).orElse(Map.of());
    }

    /** Refuses an empty command, naming the node. */
    protected final void requireCommand(List<String> command) {
        if (command.isEmpty()) throw new IllegalArgumentException("node " + name + ": empty command");
    }

    /** Remembers a process this node started (and forgets those that have exited). */
    protected final void track(P process) {
        processes.removeIf(p -> !p.isAlive());
        processes.add(process);
    }

    /** The processes this node started that still run. */
    protected final List<P> processes() {
        return processes.stream().filter(NodeProcess::isAlive).toList();
    }

    /** Runs a command where this node's processes run. */
    protected interface There {
        ExecResult run(List<String> command) throws IOException, InterruptedException;
    }

    /**
     * Why some running process ignores libfaketime, probed where it runs: Go binaries read the clock
     * through the vDSO; others must have mapped libfaketime.
     */
    protected final Optional<String> whyClockIgnored(There there) {
        for (P p : processes()) {
            try {
                ExecResult r = there.run(List.of("sh", "-c", CLOCK_PROBE, "probe", Long.toString(p.pid())));
                String what = r.stdout().strip();
                if (what.equals("go")) {
                    return Optional.of("node " + name + ": " + p + " is a Go binary: its runtime reads the clock "
                            + "through the vDSO and ignores libfaketime");
                }
                if (!what.equals("ok")) {
                    return Optional.of("node " + name + ": " + p + " has not loaded libfaketime");
                }
            } catch (IOException e) {
                return Optional.of("node " + name + ": cannot inspect " + p + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            }
        }
        return Optional.empty();
    }
}
