package io.faultline.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command on a fresh machine: a container from the offline Debian image with only
 * what a fresh machine of this kind has (Debian's maven, git, iproute2, procps, curl,
 * ca-certificates; the host's JDK mounted; no iptables, faketime, etcd or Docker) runs
 * {@code ./faultline run}. It must build itself, install what the run needs, and end with verified
 * faults and a valid verdict. Several minutes (Maven fetches every dependency into an empty
 * ~/.m2), so it is tagged slow and runs with {@code bin/test -Psoak}.
 */
@Tag("slow")
class FreshMachineTest {
    private static final String IMAGE = "faultline/fresh:" + DockerImages.VERSION;

    private static Path home() {
        String prop = System.getProperty("faultline.home");
        return (prop != null ? Path.of(prop) : Path.of("").toAbsolutePath().getParent()).toAbsolutePath().normalize();
    }

    private record Exec(int exit, String output) {
    }

    private static Exec exec(Path log, long minutes, List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Exec(-1, Files.readString(log) + "\n(timed out after " + minutes + " min)");
        }
        return new Exec(p.exitValue(), Files.readString(log));
    }

    @Test
    void theMainJobInstallsItsPrerequisitesAndGivesAVerifiedValidVerdict(@TempDir Path tmp) throws Exception {
        DockerTests.require(DockerImages.DEBIAN);
        Path home = home();

        // The image: the Dockerfile beside the others, with this machine's extra CA certificates.
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.copy(home.resolve("docker/offline/fresh/Dockerfile"), ctx.resolve("Dockerfile"));
        Path certs = Files.createDirectories(ctx.resolve("certs"));
        Path local = Path.of("/usr/local/share/ca-certificates");
        if (Files.isDirectory(local)) {
            try (Stream<Path> s = Files.list(local)) {
                for (Path c : s.filter(p -> p.toString().endsWith(".crt")).toList()) Files.copy(c, certs.resolve(c.getFileName()));
            }
        }
        Exec build = exec(tmp.resolve("build.log"), 15, List.of("docker", "build", "-q", "--build-arg",
                "DEBIAN_IMAGE=" + DockerImages.DEBIAN, "-t", IMAGE, ctx.toString()));
        assertEquals(0, build.exit(), build.output());

        // The checkout: tracked and new files, no build output, no results.
        Path src = Files.createDirectories(tmp.resolve("src"));
        Exec files = exec(tmp.resolve("files.log"), 1, List.of("git", "-C", home.toString(), "ls-files", "-co", "--exclude-standard"));
        assertEquals(0, files.exit(), files.output());
        for (String f : files.output().lines().toList()) {
            Path from = home.resolve(f);
            if (f.isBlank() || !Files.isRegularFile(from) || f.startsWith("results/")) continue;
            Path to = src.resolve(f);
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }

        String jdk = System.getProperty("java.home");
        String name = "faultline-fresh-" + ProcessHandle.current().pid();
        List<String> run = new ArrayList<>(List.of("docker", "run", "--rm", "--name", name, "--label", "io.faultline.test=fresh",
                "--cap-add", "NET_ADMIN", "--cap-add", "SYS_ADMIN", "--security-opt", "apparmor=unconfined",
                "--security-opt", "seccomp=unconfined", "-v", jdk + ":" + jdk + ":ro", "-v", src + ":/src", "-w", "/src",
                IMAGE, "./faultline", "run", "--time-limit", "20", "--nemesis-interval", "4", "--seed", "7"));
        Exec r;
        try {
            r = exec(tmp.resolve("run.log"), 25, run);
        } finally {
            exec(tmp.resolve("rm.log"), 1, List.of("docker", "rm", "-f", name));
        }
        String out = r.output();
        assertEquals(0, r.exit(), out);
        assertTrue(out.contains("faultline: building"), "it built itself: " + out);
        assertTrue(out.contains("installing iptables (needed by --nemesis partition)"), out);
        assertTrue(out.contains("local environment"), "network namespaces, not a loopback fallback: " + out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("faults: ") && l.contains("kill") && l.contains("partition")), out);
        assertFalse(out.contains("NOT VERIFIED"), out);
        assertTrue(out.contains("verdict: valid (exit 0)"), out);
    }
}
