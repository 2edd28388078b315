package io.faultline.docker;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DockerImages.forStore("redis"));
        assertTrue(e.getMessage().contains("raftstore, etcd or zookeeper"));
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
}
