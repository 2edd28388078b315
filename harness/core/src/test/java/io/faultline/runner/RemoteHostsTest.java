package io.faultline.runner;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteHostsTest {
    @Test
    void listsTakePortsAndDefaultTheRest() {
        assertEquals(List.of(new RemoteHosts.Host("db1", 22), new RemoteHosts.Host("10.0.0.2", 2222), new RemoteHosts.Host("::1", 23)),
                RemoteHosts.parseList("db1, 10.0.0.2:2222,[::1]:23", 22));
    }

    @Test
    void aBadLineInAHostsFileIsNamedByFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("hosts");
        Files.writeString(f, "# cluster\ndb1\n\ndb2:22x\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RemoteHosts.parseFile(f, 22));
        assertTrue(e.getMessage().startsWith(f + ":4: 'db2:22x': port '22x' is not a number"), e.getMessage());
        Files.writeString(f, "db1\ndb 2\n");
        e = assertThrows(IllegalArgumentException.class, () -> RemoteHosts.parseFile(f, 22));
        assertTrue(e.getMessage().startsWith(f + ":2:"), e.getMessage());
    }

    @Test
    void settingsRoundTrip() {
        RemoteHosts h = new RemoteHosts(RemoteHosts.parseList("a,b:2200", 22), "ops", Optional.of(Path.of("/k")), 22, true, true,
                Optional.of(Path.of("/kh")), Optional.empty());
        assertEquals(h, RemoteHosts.fromSettings(h.settings()));
        assertThrows(IllegalArgumentException.class, () -> RemoteHosts.fromSettings(java.util.Map.of()));
    }
}
