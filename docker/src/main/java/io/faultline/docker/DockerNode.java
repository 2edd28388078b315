package io.faultline.docker;

import io.faultline.env.ExecResult;
import io.faultline.env.NodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One container. Its node folder is bind-mounted at the same path inside, so configs, data and
 * logs a store writes there are where the harness expects them. A program named by an absolute
 * host path (the harness's own java, the host's etcd) runs as the program of that name on the
 * image's PATH, since the host's binaries are not in the container; other arguments pass unchanged.
 */
final class DockerNode extends io.faultline.env.NodeBase {
    private final ContainerExec exec;
    private final List<Path> mounted;
    private final Optional<String> faketimeLibrary;
    private final List<ContainerProcess> processes = new CopyOnWriteArrayList<>();

    DockerNode(String name, String host, Path dir, ContainerExec exec, List<Path> mounted, Optional<String> faketimeLibrary) {
        super(name, host, dir);
        this.exec = exec;
        this.mounted = List.copyOf(mounted);
        this.faketimeLibrary = faketimeLibrary;
    }

    boolean faketimeLibraryPresent() {
        return faketimeLibrary.isPresent();
    }

    String containerId() {
        return exec.containerId();
    }

    List<ContainerProcess> processes() {
        return processes.stream().filter(ContainerProcess::isAlive).toList();
    }

    @Override
    public NodeProcess spawn(List<String> command, Map<String, String> env, Path log) throws IOException {
        requireCommand(command);
        Path logFile = log.toAbsolutePath().normalize();
        if (!logFile.startsWith(dir)) {
            throw new IllegalArgumentException("node " + name + ": log " + log + " must be inside the node folder " + dir
                    + " (the only folder the container writes to the host)");
        }
        Files.createDirectories(logFile.getParent());
        List<String> vars = new ArrayList<>();
        env.forEach((k, v) -> vars.add(k + "=" + v));
        faketimeLibrary.ifPresent(lib -> faketimeEnvironment(Path.of(lib)).forEach((k, v) -> vars.add(k + "=" + v)));
        ContainerProcess p = ContainerProcess.start(exec, name + ": " + command.get(0), program(command), vars, logFile);
        processes.removeIf(x -> !x.isAlive());
        processes.add(p);
        return p;
    }

    @Override
    public ExecResult exec(List<String> command) throws IOException, InterruptedException {
        requireCommand(command);
        return exec.run(program(command), List.of(), EXEC_LIMIT);
    }

    /** Checked in the container: Go binaries read the clock through the vDSO; others must have mapped libfaketime. */
    @Override
    public Optional<String> whyClockIgnored() {
        DockerNode n = this;
        for (ContainerProcess p : processes) {
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

    @Override
    public ExecResult execUnderFaketime(List<String> command) throws IOException, InterruptedException {
        List<String> vars = new ArrayList<>();
        faketimeLibrary.ifPresent(lib -> faketimeEnvironment(Path.of(lib)).forEach((k, v) -> vars.add(k + "=" + v)));
        return exec.run(command, vars, EXEC_LIMIT);
    }

    /** Runs a command as is, without faketime (inspection of processes, files). */
    ExecResult execPlain(List<String> command) throws IOException, InterruptedException {
        return exec.run(command, List.of(), EXEC_LIMIT);
    }

    List<String> program(List<String> command) {
        String first = command.get(0);
        Path p = Path.of(first);
        if (!p.isAbsolute() || mounted.stream().anyMatch(p::startsWith)) {
            return command;
        }
        List<String> out = new ArrayList<>(command);
        out.set(0, p.getFileName().toString());
        return out;
    }

    @Override
    public String toString() {
        return name + "@" + host + " (container " + exec.shortId() + ")";
    }
}
