package io.faultline.preflight;

import io.faultline.env.ExecResult;
import io.faultline.env.HostCommand;
import io.faultline.env.Privileges;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Installs missing Debian packages with apt-get, as root on a Debian machine, the way
 * {@code ./faultline} builds itself on first use. The package lists are refreshed only when apt
 * does not know a package, so a machine with fresh lists pays nothing extra.
 */
public final class AptInstaller implements Installer {
    private static final Duration LIMIT = Duration.ofMinutes(10);
    private static final Map<String, String> ENV = Map.of("DEBIAN_FRONTEND", "noninteractive");

    private boolean updated;

    @Override
    public String whyNot() {
        if (!Privileges.isRoot()) return "not running as root";
        if (!Files.exists(Path.of("/etc/debian_version"))) return "this is not a Debian system";
        if (HostCommand.which("apt-get").isEmpty()) return "apt-get is not on PATH";
        return "";
    }

    @Override
    public boolean installed(String debianPackage) {
        try {
            ExecResult r = HostCommand.run(List.of("dpkg-query", "-W", "-f=${Status}", debianPackage));
            return r.ok() && r.stdout().contains("install ok installed");
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public synchronized void install(String debianPackage) throws Exception {
        ExecResult r = apt(List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends", debianPackage));
        if (!r.ok() && !updated) {
            // Lists may be missing (a fresh image) or stale (a package moved): refresh once and retry.
            ExecResult u = apt(List.of("apt-get", "update", "-qq"));
            updated = true;
            if (!u.ok()) throw new IllegalStateException("apt-get update failed: " + tail(u.stderr()));
            r = apt(List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends", debianPackage));
        }
        if (!r.ok()) throw new IllegalStateException("apt-get install " + debianPackage + " failed: " + tail(r.stderr()));
        if (debianPackage.equals("etcd-server")) {
            // Debian's package starts a default member on 2379 where systemd runs; faultline starts its own.
            HostCommand.quietly(List.of("systemctl", "stop", "etcd"));
            HostCommand.quietly(List.of("systemctl", "disable", "etcd"));
        }
    }

    private static ExecResult apt(List<String> cmd) throws Exception {
        return HostCommand.run(cmd, ENV, LIMIT);
    }

    private static String tail(String s) {
        List<String> lines = s.strip().lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
