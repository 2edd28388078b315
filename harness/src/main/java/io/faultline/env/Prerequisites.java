package io.faultline.env;

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
 * under libfaketime and its clock read.
 */
public final class Prerequisites {

    public enum Status { OK, MISSING, UNAVAILABLE }

    /**
     * @param required whether {@code faultline run}'s default needs it (else only some options do)
     * @param fix      the exact command that installs or enables it, or "" when nothing helps
     */
    public record Check(String name, Status status, String detail, String fix, boolean required) {
    }

    private final Function<String, Optional<Path>> which;
    private final boolean root;

    public Prerequisites() {
        this(HostCommand::which, Privileges.isRoot());
    }

    /** @param which finds an executable by name (tests pass one that hides some) */
    public Prerequisites(Function<String, Optional<Path>> which, boolean root) {
        this.which = which;
        this.root = root;
    }

    public List<Check> run() {
        List<Check> checks = new ArrayList<>();
        checks.add(jdk());
        checks.add(new Check("root", root ? Status.OK : Status.MISSING,
                root ? "running as root: the local environment (network namespaces) is available"
                        : "not root: runs fall back to loopback processes without partitions and packet loss",
                root ? "" : "sudo ./faultline run ...", false));
        checks.add(tool("procps", "kill", "apt-get install -y procps", true, List.of("kill", "-l")));
        Optional<Path> ip = which.apply("ip");
        Optional<Path> iptables = which.apply("iptables");
        if (ip.isEmpty()) {
            checks.add(new Check("namespaces", Status.MISSING, "the 'ip' command (iproute2) is missing",
                    "apt-get install -y iproute2", true));
        } else if (!root) {
            checks.add(new Check("namespaces", Status.UNAVAILABLE, "'ip' found at " + ip.get() + "; namespaces need root",
                    "sudo ./faultline doctor", false));
        }
        if (iptables.isEmpty()) {
            checks.add(new Check("iptables", Status.MISSING, "iptables is missing: partitions and packet loss need it",
                    "apt-get install -y iptables", true));
        }
        if (ip.isPresent() && root) {
            checks.addAll(namespaceChecks(iptables.isPresent()));
        }
        checks.add(faketime());
        Optional<Path> etcd = which.apply("etcd");
        checks.add(etcd.isPresent()
                ? new Check("etcd", Status.OK, version(List.of(etcd.get().toString(), "--version")), "", false)
                : new Check("etcd", Status.MISSING, "the etcd binary is missing (needed for --store etcd)",
                "apt-get install -y etcd-server", false));
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

    private Check tool(String name, String exe, String fix, boolean required, List<String> probe) {
        Optional<Path> p = which.apply(exe);
        if (p.isEmpty()) {
            return new Check(name, Status.MISSING, "'" + exe + "' is missing", fix, required);
        }
        return new Check(name, Status.OK, exe + " at " + p.get(), "", required);
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
