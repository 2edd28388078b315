package io.faultline.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A node whose processes run on this host: inside its network namespace ({@code ip netns exec})
 * in the local environment, or directly on a loopback address in the loopback environment.
 */
final class HostNode extends NodeBase<SpawnedProcess> {
    /** Tools that change network tables; on a loopback node they would change the host's own. */
    private static final Set<String> HOST_NETWORK_TOOLS = Set.of(
            "iptables", "ip6tables", "iptables-nft", "iptables-legacy", "nft", "tc", "ip", "ebtables");
    private final int index;
    private final String proxyAddress;
    private final Optional<String> netns;
    private final RunState state;

    HostNode(String name, int index, String host, String proxyAddress, Path dir, Optional<String> netns,
             Optional<Path> faketimeLibrary, RunState state) {
        super(name, host, dir, faketimeLibrary);
        this.index = index;
        this.proxyAddress = proxyAddress;
        this.netns = netns;
        this.state = state;
    }

    int index() {
        return index;
    }

    /** The host-side address the fault proxy uses for this node, both to listen and to dial from. */
    String proxyAddress() {
        return proxyAddress;
    }

    Optional<String> netns() {
        return netns;
    }

    @Override
    public NodeProcess spawn(List<String> command, Map<String, String> env, Path log) throws IOException {
        requireCommand(command);
        if (state.tornDown()) {
            throw new EnvironmentException("node " + name + ": the environment is closed; cannot start " + command.get(0));
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(wrap(command, true));
        pb.environment().putAll(env);
        if (netns.isEmpty()) {
            pb.environment().putAll(faketimeEnvironment());
        }
        pb.directory(dir.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p = pb.start();
        SpawnedProcess sp = new SpawnedProcess(p, name + ": " + command.get(0));
        ProcessIdentity id = ProcessIdentity.of(p.pid());
        state.add(RunState.PROC, id.toString());
        track(sp);
        p.onExit().thenRun(() -> state.remove(RunState.PROC, id.toString()));
        return sp;
    }

    @Override
    public ExecResult exec(List<String> command) throws IOException, InterruptedException {
        requireCommand(command);
        if (netns.isEmpty() && HOST_NETWORK_TOOLS.contains(Path.of(command.get(0)).getFileName().toString())) {
            throw new EnvironmentException("node " + name + " is a loopback node sharing the host's network stack; "
                    + "refusing to run '" + command.get(0) + "' there (it would change the host's own tables)");
        }
        return HostCommand.run(wrap(command, false), Map.of(), EXEC_LIMIT);
    }

    @Override
    public Optional<String> whyClockIgnored() {
        for (SpawnedProcess p : processes()) {
            Optional<String> why = Faketime.whyIgnored(p.pid());
            if (why.isPresent()) return Optional.of("node " + name + ": " + why.get());
        }
        return Optional.empty();
    }

    @Override
    public ExecResult execUnderFaketime(List<String> command) throws IOException, InterruptedException {
        return HostCommand.run(wrap(command, true), netns.isEmpty() ? faketimeEnvironment() : Map.of(), EXEC_LIMIT);
    }

    /**
     * In a namespace the faketime variables go through {@code env} after {@code ip netns exec}, so
     * only the node's process is preloaded, not {@code ip} itself. Both exec in place: the pid the
     * harness sees is the node process.
     */
    private List<String> wrap(List<String> command, boolean withFaketime) {
        if (netns.isEmpty()) {
            return command;
        }
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", netns.get()));
        if (withFaketime && underFaketime()) {
            full.add("env");
            faketimeEnvironment().forEach((k, v) -> full.add(k + "=" + v));
        }
        full.addAll(command);
        return full;
    }

    @Override
    public String toString() {
        return name + "@" + host;
    }
}
