package io.faultline.env;

/**
 * Creates the environment a run asked for. "auto" takes the local environment (network
 * namespaces) when this process is root and {@code ip netns} works, and otherwise loopback,
 * whose {@link Environment#description()} says which faults are then unavailable.
 */
public final class Environments {
    private Environments() {
    }

    public static Environment create(EnvironmentSpec spec) {
        return switch (spec.kind()) {
            case "loopback" -> loopback(spec, "asked for with --env loopback");
            case "local" -> {
                String why = whyNoNamespaces();
                if (!why.isEmpty()) {
                    throw new EnvironmentException("the local environment needs network namespaces: " + why
                            + " (or use the loopback environment, without partitions and packet loss)");
                }
                yield local(spec);
            }
            case "auto" -> {
                String why = whyNoNamespaces();
                yield why.isEmpty() ? local(spec) : loopback(spec, why);
            }
            default -> throw new EnvironmentException("unknown environment '" + spec.kind()
                    + "': this factory makes local, loopback and auto");
        };
    }

    /** Why network namespaces cannot be used here, or "" when they can. */
    public static String whyNoNamespaces() {
        if (!Privileges.isRoot()) {
            return "not running as root";
        }
        if (HostCommand.which("ip").isEmpty()) {
            return "the 'ip' command is missing (apt-get install -y iproute2)";
        }
        try {
            ExecResult r = HostCommand.run(java.util.List.of("ip", "netns", "list"));
            if (!r.ok()) {
                return "'ip netns list' failed: " + r.stderr().strip();
            }
        } catch (java.io.IOException e) {
            return "cannot run 'ip': " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        return "";
    }

    private static Environment loopback(EnvironmentSpec spec, String reason) {
        RunState state = RunState.create(spec.runId());
        try {
            state.add(RunState.KIND, "loopback");
            state.add(RunState.DIR, spec.runDir().toAbsolutePath().toString());
            return HostEnvironment.create(spec, LoopbackNetwork.create(spec.runId(), state, reason), state);
        } catch (RuntimeException e) {
            state.delete();
            throw e;
        }
    }

    private static Environment local(EnvironmentSpec spec) {
        RunState state = RunState.create(spec.runId());
        state.add(RunState.KIND, "local");
        state.add(RunState.DIR, spec.runDir().toAbsolutePath().toString());
        NamespaceNetwork net = NamespaceNetwork.create(spec.runId(), spec.nodes(), state);
        try {
            return HostEnvironment.create(spec, net, state);
        } catch (RuntimeException e) {
            net.killStragglers();
            net.teardown();
            state.delete();
            throw e;
        }
    }
}
