package io.faultline.ssh;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.cli.Main;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare --env ssh} with a host nobody answers on: the comparison's run is refused with
 * exit 3, naming the host, before any node starts (no node folder was made). Needs no root: the
 * host is a loopback port just freed, so the connection is refused at once.
 */
class SshCompareRefusalTest {
    @Test
    void anUnreachableHostIsNamedAndNothingStarts(@TempDir Path results) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String host = "127.0.0.1:" + port;
        int exit = Main.execute("compare", "--store", "raftstore", "--env", "ssh", "--hosts", host,
                "--known-hosts", results.resolve("known_hosts").toString(), "--time-limit", "5", "--warmup", "0",
                "--results", results.toString());
        assertEquals(3, exit);
        String summary;
        try (Stream<Path> files = Files.walk(results)) {
            List<Path> s = files.filter(f -> f.getFileName().toString().equals("summary.json")).toList();
            assertEquals(1, s.size(), s.toString());
            summary = Files.readString(s.getFirst());
        }
        assertTrue(summary.contains("host " + host + ": cannot reach sshd on port " + port), summary);
        try (Stream<Path> files = Files.walk(results)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().equals("nodes")).toList(), "no node started");
        }
    }
}
