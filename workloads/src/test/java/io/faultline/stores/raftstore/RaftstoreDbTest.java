package io.faultline.stores.raftstore;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.env.Node;
import io.faultline.testing.fake.FakeEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaftstoreDbTest {

    @Test
    void commandFollowsThePinnedContractAndDialsPeersThroughTheEnvironment(@TempDir Path home, @TempDir Path run) throws Exception {
        Path main = home.resolve("raftstore/target/classes/io/faultline/raftstore/Main.class");
        Files.createDirectories(main.getParent());
        Files.write(main, new byte[]{1});
        FakeEnvironment env = new FakeEnvironment(3, run) {
            @Override
            public String peerAddress(Node from, Node to, int peerPort) {
                return "proxy-" + from.name() + "-" + to.name() + ":" + peerPort;
            }
        };
        RaftstoreDb db = new RaftstoreDb(home, List.of("stale-reads"), Map.of("election-timeout-ms", "500"), new ObjectMapper());
        db.configure(env);
        Node n1 = env.nodes().getFirst();
        List<String> cmd = db.command(n1);
        assertEquals(ProcessHandle.current().info().command().orElseThrow(), cmd.getFirst(), "the harness's own java");
        String line = String.join(" ", cmd);
        assertTrue(line.contains("-cp " + home.resolve("raftstore/target/classes") + " io.faultline.raftstore.Main"), line);
        assertTrue(line.contains("--id n1 --data-dir " + n1.dir().resolve("data")), line);
        // The fake puts every node on 127.0.0.1, so each gets its own ports.
        assertTrue(line.contains("--client 127.0.0.1:7001 --peer 127.0.0.1:7002"), line);
        assertTrue(line.contains("--peers n1=127.0.0.1:7002,n2=proxy-n1-n2:7012,n3=proxy-n1-n3:7022"), line);
        assertTrue(line.contains("--fault stale-reads"), line);
        assertTrue(line.contains("--election-timeout-ms 500"), line);
        assertEquals("127.0.0.1:7011", db.clientAddress(env.nodes().get(1)));
        assertTrue(Files.isDirectory(n1.dir().resolve("data")));
    }

    @Test
    void setupSaysWhenRaftstoreIsNotBuilt(@TempDir Path home, @TempDir Path run) {
        RaftstoreDb db = new RaftstoreDb(home, List.of(), Map.of(), new ObjectMapper());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> db.configure(new FakeEnvironment(3, run)));
        assertTrue(e.getMessage().contains("raftstore is not built"), e.getMessage());
    }
}
