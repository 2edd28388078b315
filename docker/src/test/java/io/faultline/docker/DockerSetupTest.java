package io.faultline.docker;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.preflight.Check;
import io.faultline.preflight.Check.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the docker environment decides without an engine. */
class DockerSetupTest {
    @Test
    void imageVersionMatchesTheBuildScript() throws Exception {
        Path script = Path.of("").toAbsolutePath().getParent().resolve("docker/build-offline.sh");
        Matcher m = Pattern.compile("FAULTLINE_IMAGE_VERSION:-([^}]+)}").matcher(Files.readString(script));
        assertTrue(m.find(), "VERSION line in " + script);
        assertEquals(m.group(1), DockerImages.VERSION);
        assertEquals("faultline/etcd:" + DockerImages.VERSION, DockerImages.forStore("etcd"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DockerImages.forStore("mongodb"));
        assertTrue(e.getMessage().contains("raftstore, etcd, zookeeper or redis"));
        assertEquals("faultline/redis:" + DockerImages.VERSION, DockerImages.forStore("redis"));
    }

    @Test
    void testcontainersSettingsThatWouldHangAreNamed() {
        assertTrue(DockerEngine.whyUnavailable(Map.of(), false).orElseThrow().contains("TESTCONTAINERS_RYUK_DISABLED=true"));
        assertTrue(DockerEngine.whyUnavailable(Map.of("TESTCONTAINERS_RYUK_DISABLED", "true"), true).orElseThrow()
                .contains("TESTCONTAINERS_HOST_OVERRIDE"));
    }

    @Test
    void hostProgramsMapToTheImagesProgramsButMountedPathsStay() {
        Path dir = Path.of("/runs/r1/nodes/n1");
        DockerNode n = new DockerNode("n1", "172.18.0.2", dir, null, java.util.List.of(Path.of("/work/main"), dir),
                java.util.Optional.empty());
        assertEquals(java.util.List.of("java", "-cp", "/work/main/raftstore/target/classes"),
                n.program(java.util.List.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java", "-cp", "/work/main/raftstore/target/classes")));
        assertEquals(java.util.List.of("/work/main/bin/tool"), n.program(java.util.List.of("/work/main/bin/tool")));
        assertEquals(java.util.List.of("etcd", "--name", "n1"), n.program(java.util.List.of("etcd", "--name", "n1")));
    }

    @Test
    void proxyAddressesSitAtTheTopOfTheSubnetAwayFromContainers() {
        BridgeProxy.Subnet s16 = BridgeProxy.Subnet.parse("172.18.0.0/16").orElseThrow();
        assertEquals("172.18.255.205", s16.proxyAddress(1));
        assertEquals("172.18.255.254", s16.proxyAddress(50), "the last one is just below the broadcast address");
        BridgeProxy.Subnet s20 = BridgeProxy.Subnet.parse("192.168.16.0/20").orElseThrow();
        assertEquals("192.168.31.207", s20.proxyAddress(3));
        assertEquals("10.9.8.205", BridgeProxy.Subnet.parse("10.9.8.0/24").orElseThrow().proxyAddress(1));
        assertEquals(BridgeProxy.Subnet.parse("172.18.0.0/16"), BridgeProxy.Subnet.parse("172.18.3.4/16"), "host bits masked");
        assertTrue(BridgeProxy.Subnet.parse("fd00::/64").isEmpty(), "IPv6 is not used");
        assertTrue(BridgeProxy.Subnet.parse("?").isEmpty());
        assertTrue(BridgeProxy.Subnet.parse("172.18.0.0/x").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> s16.proxyAddress(51));
    }

    @Test
    void theBridgeIsFoundByTheGatewayItCarries() {
        String ip = """
                1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
                5: br-925529dfc032    inet 172.18.0.1/16 brd 172.18.255.255 scope global br-925529dfc032\\       valid_lft forever
                7: eth0    inet 172.180.0.10/24 brd 172.180.0.255 scope global eth0\\       valid_lft forever
                """;
        assertEquals(Optional.of("br-925529dfc032"), BridgeProxy.interfaceCarrying(ip, "172.18.0.1"));
        assertEquals(Optional.of("eth0"), BridgeProxy.interfaceCarrying(ip, "172.180.0.10"));
        assertEquals(Optional.empty(), BridgeProxy.interfaceCarrying(ip, "172.18.0.2"));
        assertEquals(Optional.empty(), BridgeProxy.interfaceCarrying(ip, "172.1"), "whole addresses only");
    }

    @Test
    void theImageTagFollowsTheBuildScriptsVariableAndAMissingOneNamesTheCommand() {
        assertEquals("faultline/raftstore:0.1.0", DockerImages.forStore("raftstore", Map.of()));
        assertEquals("faultline/etcd:0.2.0-rc1", DockerImages.forStore("etcd", Map.of("FAULTLINE_IMAGE_VERSION", "0.2.0-rc1")));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> DockerImages.forStore("etcd", Map.of("FAULTLINE_IMAGE_VERSION", "a b")));
        assertTrue(bad.getMessage().contains("FAULTLINE_IMAGE_VERSION='a b'"), bad.getMessage());
        assertTrue(DockerImages.missing("faultline/etcd:0.1.0").endsWith("build it with: docker/build-offline.sh (from the faultline checkout, as root)"),
                DockerImages.missing("faultline/etcd:0.1.0"));
        assertTrue(DockerImages.missing("faultline/etcd:9.9").contains("build it with: FAULTLINE_IMAGE_VERSION=9.9 docker/build-offline.sh"),
                DockerImages.missing("faultline/etcd:9.9"));
        assertEquals(List.of("faultline/debian:bookworm", "faultline/base:0.1.0", "faultline/raftstore:0.1.0",
                "faultline/etcd:0.1.0", "faultline/zookeeper:0.1.0", "faultline/redis:0.1.0"), DockerImages.all(Map.of()));
    }

    @Test
    void doctorNamesEachMissingImageAndTheCommandThatBuildsThem() {
        Set<String> present = Set.of("faultline/debian:bookworm", "faultline/base:0.1.0", "faultline/raftstore:0.1.0");
        List<Check> checks = DockerDoctor.decide(DockerDoctor.Engine.answering("20.10.24"), Optional.empty(),
                Optional.of(present), Map.of());
        assertEquals(Status.OK, find(checks, "engine").status());
        assertTrue(find(checks, "engine").detail().contains("20.10.24"));
        assertEquals(Status.OK, find(checks, "settings").status());
        assertEquals(Status.OK, find(checks, "raftstore").status());
        Check etcd = find(checks, "etcd");
        assertEquals(Status.MISSING, etcd.status());
        assertTrue(etcd.detail().contains("faultline/etcd:0.1.0 missing"), etcd.detail());
        assertEquals("", etcd.fix(), "the summary line carries the command");
        assertEquals(Status.MISSING, find(checks, "zookeeper").status());
        assertEquals(Status.MISSING, find(checks, "redis").status());
        Check summary = find(checks, "images");
        assertTrue(summary.detail().startsWith("3 of 6"), summary.detail());
        assertEquals("docker/build-offline.sh", summary.fix());
        assertTrue(checks.stream().noneMatch(Check::required), "docker is never needed by a default run");

        List<Check> all = DockerDoctor.decide(DockerDoctor.Engine.answering("20.10.24"), Optional.empty(),
                Optional.of(Set.copyOf(DockerImages.all(Map.of()))), Map.of());
        assertTrue(all.stream().allMatch(c -> c.status() == Status.OK), all.toString());

        List<Check> other = DockerDoctor.decide(DockerDoctor.Engine.answering("20.10.24"), Optional.empty(),
                Optional.of(present), Map.of("FAULTLINE_IMAGE_VERSION", "0.2.0"));
        assertEquals(Status.MISSING, find(other, "raftstore").status(), "0.1.0 does not stand in for 0.2.0");
        assertEquals("FAULTLINE_IMAGE_VERSION=0.2.0 docker/build-offline.sh", find(other, "images").fix());
    }

    @Test
    void doctorWithoutAnEngineSaysHowToStartItAndDoesNotGuessImages() {
        List<Check> checks = DockerDoctor.decide(DockerDoctor.Engine.notAnswering("docker is installed but no engine answers",
                DockerDoctor.START_ENGINE), Optional.of("no Docker engine: /var/run/docker.sock is missing"), Optional.empty(), Map.of());
        Check engine = find(checks, "engine");
        assertEquals(Status.UNAVAILABLE, engine.status());
        assertEquals("dockerd >/var/log/dockerd.log 2>&1 &", engine.fix());
        assertEquals(Status.UNAVAILABLE, find(checks, "images").status());
        assertTrue(checks.stream().noneMatch(c -> c.name().equals("settings")), "the socket is the engine check's news");

        List<Check> ryuk = DockerDoctor.decide(DockerDoctor.Engine.answering("20.10.24"),
                DockerEngine.whyUnavailable(Map.of(), false), Optional.of(Set.of()), Map.of());
        assertEquals(Status.MISSING, find(ryuk, "settings").status());
        assertTrue(find(ryuk, "settings").fix().contains("TESTCONTAINERS_RYUK_DISABLED=true"));
    }

    private static Check find(List<Check> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check named " + name + " in " + checks));
    }
}
