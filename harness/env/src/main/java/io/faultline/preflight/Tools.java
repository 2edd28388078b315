package io.faultline.preflight;

import io.faultline.env.ExecResult;
import io.faultline.env.Faketime;
import io.faultline.env.HostCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The catalog of host tools faultline uses, each with the package that provides it and a probe
 * that tries it. {@code faultline doctor} and every run's preflight read this one list, so they
 * cannot disagree about what is missing.
 */
public final class Tools {
    private final Function<String, Optional<Path>> which;

    public Tools() {
        this(HostCommand::which);
    }

    /** @param which finds an executable by name (tests pass one that hides or swaps some) */
    public Tools(Function<String, Optional<Path>> which) {
        this.which = which;
    }

    /** {@code ip} from iproute2: network namespaces, veth pairs, bridges. */
    public Tool iproute2() {
        return new Tool("ip (iproute2)", "iproute2", "", () -> runs("ip", List.of("-V")));
    }

    /** {@code kill} from procps: signals to node processes (kill, pause, resume). */
    public Tool procps() {
        return new Tool("kill (procps)", "procps", "", () -> runs("kill", List.of("-l")));
    }

    /** iptables: partitions and packet loss, in the nodes' own namespaces. */
    public Tool iptables() {
        return new Tool("iptables", "iptables", "", () -> runs("iptables", List.of("-V")));
    }

    /** libfaketime: per-node clock offsets. */
    public Tool faketime() {
        return new Tool("libfaketime", "faketime", "", () -> Faketime.library().isPresent() ? ""
                : "libfaketime.so.1 is not installed");
    }

    /** The etcd server binary on PATH. */
    public Tool etcd() {
        return new Tool("the etcd binary", "etcd-server", "", () -> runs("etcd", List.of("--version")));
    }

    /** Debian's redis-server: the Redis store's data servers. */
    public Tool redisServer() {
        return new Tool("redis-server", "redis-server", "", () -> runs("redis-server", List.of("--version")));
    }

    /** Debian's redis-sentinel: the Redis store's sentinels (a link to the same binary). */
    public Tool redisSentinel() {
        return new Tool("redis-sentinel", "redis-sentinel", "", () -> runs("redis-sentinel", List.of("--version")));
    }

    /** The docker command (the engine itself is {@link #dockerEngine}). */
    public Tool docker() {
        return new Tool("docker", "docker.io", "", () -> runs("docker", List.of("--version")));
    }

    /** A Docker engine that answers. */
    public Tool dockerEngine() {
        return new Tool("a running Docker engine", "", "dockerd >/var/log/dockerd.log 2>&1 &", () -> {
            String missing = runs("docker", List.of("--version"));
            if (!missing.isEmpty()) return missing;
            ExecResult r = exec(List.of("docker", "info", "--format", "{{.ServerVersion}}"));
            return r != null && r.exitCode() == 0 ? "" : "no Docker engine answers"
                    + (r == null ? "" : ": " + firstLine(r.stderr()));
        });
    }

    /** A locally built image (no registry can be reached here). */
    public Tool dockerImage(String image, String buildCommand) {
        return new Tool("the image " + image, "", buildCommand, () -> {
            ExecResult r = exec(List.of("docker", "image", "inspect", "--format", "{{.Id}}", image));
            return r != null && r.exitCode() == 0 ? "" : "image " + image + " is not built";
        });
    }

    /** "" when {@code exe} is on PATH and {@code args} exits 0, else what went wrong. */
    private String runs(String exe, List<String> args) {
        Optional<Path> p = which.apply(exe);
        if (p.isEmpty()) return "'" + exe + "' is not on PATH";
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(p.get().toString());
        cmd.addAll(args);
        ExecResult r = exec(cmd);
        if (r == null) return p.get() + " cannot be run";
        if (r.exitCode() != 0) {
            return p.get() + " does not work (" + String.join(" ", args) + " exited " + r.exitCode()
                    + (r.stderr().isBlank() ? "" : ": " + firstLine(r.stderr())) + ")";
        }
        return "";
    }

    private static ExecResult exec(List<String> cmd) {
        try {
            return HostCommand.run(cmd, Map.of(), Duration.ofSeconds(20));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String firstLine(String s) {
        return s.strip().lines().findFirst().orElse("");
    }
}
