package io.faultline.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreflightTest {
    /** A machine whose packages are a set; installing one makes its tools work. */
    private static final class FakeMachine implements Installer {
        final Set<String> installed = new HashSet<>();
        final List<String> installs = new ArrayList<>();
        String whyNot = "";

        Tool tool(String name, String pkg) {
            return new Tool(name, pkg, "", () -> installed.contains(pkg) ? "" : "'" + name + "' is not on PATH");
        }

        @Override
        public String whyNot() {
            return whyNot;
        }

        @Override
        public boolean installed(String pkg) {
            return installed.contains(pkg);
        }

        @Override
        public void install(String pkg) {
            installs.add(pkg);
            installed.add(pkg);
        }
    }

    @Test
    void missingPackagesAreInstalledOnceWithOneLineSayingWhy() throws Exception {
        FakeMachine m = new FakeMachine();
        List<String> log = new ArrayList<>();
        Tool iptables = m.tool("iptables", "iptables");
        new Preflight(m, log::add).ensure(List.of(new Need(iptables, "--nemesis partition"),
                new Need(iptables, "--nemesis packet"), new Need(m.tool("libfaketime", "faketime"), "--nemesis clock")));
        assertEquals(List.of("iptables", "faketime"), m.installs);
        assertEquals(List.of("installing iptables (needed by --nemesis partition, --nemesis packet)",
                "installing faketime (needed by --nemesis clock)"), log);
    }

    @Test
    void withoutAnInstallerTheRunStopsWithTheExactCommand() {
        FakeMachine m = new FakeMachine();
        m.whyNot = "not running as root";
        PreflightException e = assertThrows(PreflightException.class, () -> new Preflight(m, s -> { })
                .ensure(List.of(new Need(m.tool("iptables", "iptables"), "--nemesis partition"))));
        assertTrue(e.getMessage().contains("iptables (needed by --nemesis partition): 'iptables' is not on PATH"
                + " (cannot install it here: not running as root); fix: apt-get install -y iptables"), e.getMessage());
        assertTrue(m.installs.isEmpty());
    }

    @Test
    void aBrokenToolWhosePackageIsInstalledIsReportedNotReinstalled() {
        FakeMachine m = new FakeMachine();
        m.installed.add("iptables");
        Tool broken = new Tool("iptables", "iptables", "", () -> "/tmp/stub/iptables does not work (-V exited 1)");
        PreflightException e = assertThrows(PreflightException.class, () -> new Preflight(m, s -> { })
                .ensure(List.of(new Need(broken, "--nemesis partition"))));
        assertTrue(e.getMessage().contains("/tmp/stub/iptables does not work"), e.getMessage());
        assertTrue(m.installs.isEmpty(), "installing the package again would not fix a shadowed binary");
    }

    @Test
    void aToolWithoutAPackageNamesItsFix() {
        FakeMachine m = new FakeMachine();
        Tool engine = new Tool("a running Docker engine", "", "dockerd >/var/log/dockerd.log 2>&1 &", () -> "no Docker engine answers");
        PreflightException e = assertThrows(PreflightException.class, () -> new Preflight(m, s -> { })
                .ensure(List.of(new Need(engine, "--env docker"))));
        assertTrue(e.getMessage().contains("fix: dockerd >/var/log/dockerd.log 2>&1 &"), e.getMessage());
    }

    @Test
    void theCatalogFindsAShadowingStubBroken() {
        Tools tools = new Tools(name -> name.equals("iptables") ? java.util.Optional.of(java.nio.file.Path.of("/bin/false"))
                : java.util.Optional.empty());
        assertTrue(tools.iptables().problem().get().contains("/bin/false does not work"), tools.iptables().problem().get());
        assertTrue(tools.etcd().problem().get().contains("'etcd' is not on PATH"));
    }
}
