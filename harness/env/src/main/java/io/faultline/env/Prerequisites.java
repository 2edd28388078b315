package io.faultline.env;

import io.faultline.preflight.Check;
import io.faultline.preflight.Check.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@code faultline doctor} checks, each by trying it rather than by looking for a package:
 * a namespace is created, an iptables {@code statistic} rule is added inside it, a process is run
 * under libfaketime and its clock read. The tools themselves come from the same catalog
 * ({@link io.faultline.preflight.Tools}) that every run's preflight checks and installs from.
 */
public final class Prerequisites {


    private final Function<String, Optional<Path>> which;
    private final boolean root;
    private final io.faultline.preflight.Tools tools;

    public Prerequisites() {
        this(HostCommand::which, Privileges.isRoot());
    }

    /** @param which finds an executable by name (tests pass one that hides some) */
    public Prerequisites(Function<String, Optional<Path>> which, boolean root) {
        this.which = which;
        this.root = root;
        this.tools = new io.faultline.preflight.Tools(which);
    }

    public List<Check> run() {
        List<Check> checks = new ArrayList<>();
        checks.add(jdk());
        checks.add(new Check("root", root ? Status.OK : Status.MISSING,
                root ? "running as root: the local environment (network namespaces) is available"
                        : "not root: runs fall back to loopback processes without partitions and packet loss",
                root ? "" : "sudo ./faultline run ...", false));
        checks.add(tool("procps", tools.procps(), true));
        Optional<Path> ip = which.apply("ip");
        boolean iptablesWorks = tools.iptables().problem().get().isEmpty();
        if (ip.isEmpty()) {
            checks.add(new Check("namespaces", Status.MISSING, "the 'ip' command (iproute2) is missing",
                    "apt-get install -y iproute2", true));
        } else if (!root) {
            checks.add(new Check("namespaces", Status.UNAVAILABLE, "'ip' found at " + ip.get() + "; namespaces need root",
                    "sudo ./faultline doctor", false));
        }
        if (!iptablesWorks) {
            Check c = tool("iptables", tools.iptables(), true);
            checks.add(new Check(c.name(), c.status(), c.detail() + ": partitions and packet loss need it", c.fix(), true));
        }
        if (ip.isPresent() && root) {
            checks.addAll(namespaceChecks(iptablesWorks));
        }
        checks.add(faketime());
        Optional<Path> etcd = which.apply("etcd");
        Check etcdCheck = tool("etcd", tools.etcd(), false);
        checks.add(etcdCheck.status() == Status.OK
                ? new Check("etcd", Status.OK, version(List.of(etcd.get().toString(), "--version")), "", false)
                : new Check("etcd", Status.MISSING, etcdCheck.detail() + " (needed for --store etcd)", etcdCheck.fix(), false));
        Check redis = tool("redis", tools.redisServer(), false);
        checks.add(redis.status() == Status.OK ? redis
                : new Check("redis", Status.MISSING, redis.detail() + " (needed for --store redis)", redis.fix(), false));
        checks.add(docker());
        return checks;
    }

    private Check jdk() {
        Runtime.Version v = Runtime.version();
        String home = System.getProperty("java.home");
        return v.feature() >= 21
                ? new Check("jdk", Status.OK, "JDK " + v + " at " + home, "", true)
                : new Check("jdk", Status.MISSING, "JDK " + v + " at " + home + " is older than 21",
                "install a JDK >= 21 (e.g. Temurin 21) and set JAVA_HOME to it", true);
    }

    private static Check tool(String name, io.faultline.preflight.Tool tool, boolean required) {
        String problem = tool.problem().get();
        return problem.isEmpty() ? new Check(name, Status.OK, tool.name() + " works", "", required)
                : new Check(name, Status.MISSING, problem, tool.installCommand(), required);
    }

    /** Creates a scratch namespace and tries in it what the nemeses do. */
    private List<Check> namespaceChecks(boolean haveIptables) {
        List<Check> checks = new ArrayList<>();
        String ns = "faultline-doctor-" + ProcessHandle.current().pid();
        try {
            ExecResult add = HostCommand.run(List.of("ip", "netns", "add", ns));
            if (!add.ok()) {
                checks.add(new Check("namespaces", Status.MISSING, "'ip netns add' failed: " + add.stderr().strip(),
                        "run as root on a kernel with network namespaces (in a container: --privileged)", true));
                return checks;
            }
            checks.add(new Check("namespaces", Status.OK, "created and removed a scratch namespace", "", true));
            if (haveIptables) {
                ExecResult rule = HostCommand.run(List.of("ip", "netns", "exec", ns, "iptables", "-A", "INPUT", "-s",
                        "192.0.2.1", "-m", "statistic", "--mode", "random", "--probability", "0.5", "-j", "DROP"));
                checks.add(rule.ok()
                        ? new Check("iptables", Status.OK, "a 'statistic' DROP rule works inside a namespace", "", true)
                        : new Check("iptables", Status.MISSING, "iptables inside a namespace failed: "
                        + rule.stderr().strip(), "apt-get install -y iptables", true));
            }
            HostCommand.quietly(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
            ExecResult netem = HostCommand.run(List.of("ip", "netns", "exec", ns, "tc", "qdisc", "add", "dev", "lo",
                    "root", "netem", "delay", "1ms"));
            checks.add(netem.ok()
                    ? new Check("netem", Status.OK, "the kernel has the netem qdisc (faultline does not need it)", "", false)
                    : new Check("netem", Status.UNAVAILABLE, "no netem qdisc in this kernel ("
                    + netem.stderr().strip() + "); delays come from the fault proxy instead", "", false));
        } catch (IOException e) {
            checks.add(new Check("namespaces", Status.MISSING, "cannot run 'ip': " + e.getMessage(),
                    "apt-get install -y iproute2", true));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            HostCommand.quietly(List.of("ip", "netns", "del", ns));
        }
        return checks;
    }

    private Check faketime() {
        Optional<Path> lib = Faketime.library();
        if (lib.isEmpty()) {
            return new Check("faketime", Status.MISSING, "libfaketime is missing (needed for --nemesis clock)",
                    "apt-get install -y faketime", false);
        }
        try {
            long before = System.currentTimeMillis() / 1000;
            ExecResult r = HostCommand.run(List.of("date", "+%s"),
                    Map.of("LD_PRELOAD", lib.get().toString(), "FAKETIME", "+1h"), Duration.ofSeconds(10));
            long shift = Long.parseLong(r.stdout().strip()) - before;
            if (Math.abs(shift - 3600) <= 5) {
                return new Check("faketime", Status.OK, lib.get() + " shifts a process's clock (checked with +1h)", "", false);
            }
            return new Check("faketime", Status.MISSING, lib.get() + " is installed but did not shift the clock (got "
                    + shift + " s for +1h)", "apt-get install --reinstall -y faketime", false);
        } catch (IOException | RuntimeException e) {
            return new Check("faketime", Status.MISSING, "running 'date' under libfaketime failed: " + e.getMessage(),
                    "apt-get install --reinstall -y faketime", false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Check("faketime", Status.MISSING, "interrupted", "", false);
        }
    }

    private Check docker() {
        Optional<Path> docker = which.apply("docker");
        if (docker.isEmpty()) {
            return new Check("docker", Status.MISSING, "docker is missing (needed for the docker environment)",
                    "apt-get install -y docker.io", false);
        }
        try {
            ExecResult r = HostCommand.run(List.of(docker.get().toString(), "info", "--format", "{{.ServerVersion}}"),
                    Map.of(), Duration.ofSeconds(15));
            return r.ok()
                    ? new Check("docker", Status.OK, "docker engine " + r.stdout().strip() + " answers", "", false)
                    : new Check("docker", Status.UNAVAILABLE, "docker is installed but its engine does not answer",
                    "dockerd > /var/log/dockerd.log 2>&1 &", false);
        } catch (IOException e) {
            return new Check("docker", Status.MISSING, "cannot run docker: " + e.getMessage(), "apt-get install -y docker.io", false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Check("docker", Status.UNAVAILABLE, "interrupted", "", false);
        }
    }

    private static String version(List<String> command) {
        try {
            ExecResult r = HostCommand.run(command, Map.of(), Duration.ofSeconds(10));
            String first = r.stdout().lines().findFirst().orElse("").strip();
            return command.get(0) + (first.isEmpty() ? "" : ": " + first);
        } catch (IOException e) {
            return command.get(0) + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return command.get(0);
        }
    }
}
