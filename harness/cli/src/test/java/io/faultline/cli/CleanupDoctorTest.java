package io.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.env.Prerequisites;
import io.faultline.preflight.Check;
import io.faultline.preflight.Check.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CleanupDoctorTest {

    @Test
    void doctorPrintsTheInstallCommandForWhatIsMissing() {
        Set<String> hidden = Set.of("etcd", "docker", "iptables", "redis-server");
        List<Check> checks = new Prerequisites(name -> hidden.contains(name) ? Optional.<Path>empty()
                : io.faultline.env.HostCommand.which(name), false).run();
        Check etcd = find(checks, "etcd");
        assertEquals(Status.MISSING, etcd.status());
        assertEquals("apt-get install -y etcd-server", etcd.fix());
        assertEquals("apt-get install -y docker.io", find(checks, "docker").fix());
        assertEquals(Status.MISSING, find(checks, "redis").status());
        assertEquals("apt-get install -y redis-server", find(checks, "redis").fix());
        Check iptables = find(checks, "iptables");
        assertEquals(Status.MISSING, iptables.status());
        assertEquals("apt-get install -y iptables", iptables.fix());
        assertTrue(iptables.required());
        assertEquals(Status.OK, find(checks, "jdk").status(), "tests run on a JDK >= 21");
        assertEquals(Status.MISSING, find(checks, "root").status(), "told it is not root");
    }

    @Test
    void doctorAndCleanupRunFromTheCli() {
        int doctor = Main.execute("doctor");
        assertTrue(doctor == ExitCode.VALID || doctor == ExitCode.HARNESS_FAILURE, "doctor exit " + doctor);
        assertEquals(ExitCode.VALID, Main.execute("cleanup", "--dry-run"));
    }

    private static Check find(List<Check> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check named " + name + " in " + checks));
    }
}
