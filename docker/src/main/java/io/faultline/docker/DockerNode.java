package io.faultline.docker;

import io.faultline.env.ExecResult;
import io.faultline.env.NodeBase;
import io.faultline.env.NodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One container. Its node folder is bind-mounted at the same path inside, so configs, data and
 * logs a store writes there are where the harness expects them. A program named by an absolute
 * host path (the harness's own java, the host's etcd) runs as the program of that name on the
 * image's PATH, since the host's binaries are not in the container; other arguments pass unchanged.
 */
final class DockerNode extends NodeBase<ContainerProcess> {
    private final ContainerExec exec;
    private final List<Path> mounted;

    DockerNode(String name, String host, Path dir, ContainerExec exec, List<Path> mounted, Optional<String> faketimeLibrary) {
        super(name, host, dir, faketimeLibrary.map(Path::of));
        this.exec = exec;
        this.mounted = List.copyOf(mounted);
    }

    String containerId() {
        return exec.containerId();
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
        faketimeEnvironment().forEach((k, v) -> vars.add(k + "=" + v));
        ContainerProcess p = ContainerProcess.start(exec, name + ": " + command.get(0), program(command), vars, logFile);
        track(p);
        return p;
    }

    @Override
    public ExecResult exec(List<String> command) throws IOException, InterruptedException {
        requireCommand(command);
        return exec.run(program(command), List.of(), EXEC_LIMIT);
    }

    @Override
    public Optional<String> whyClockIgnored() {
        return whyClockIgnored(this::execPlain);
    }

    @Override
    public ExecResult execUnderFaketime(List<String> command) throws IOException, InterruptedException {
        List<String> vars = new ArrayList<>();
        faketimeEnvironment().forEach((k, v) -> vars.add(k + "=" + v));
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
