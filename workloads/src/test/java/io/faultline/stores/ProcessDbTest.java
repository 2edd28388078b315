package io.faultline.stores;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.env.Environment;
import io.faultline.env.EnvironmentSpec;
import io.faultline.env.Environments;
import io.faultline.env.Node;
import io.faultline.testing.fake.FakeEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessDbTest {

    /** A store whose server is {@code sleep}: enough for isRunning, ports and leader agreement. */
    private static final class SleepDb extends ProcessDb {
        SleepDb() {
            super("sleepstore", "");
        }

        @Override
        protected List<String> command(Node node) {
            return List.of("sleep", "30");
        }

        @Override
        protected Path log(Node node) {
            return node.dir().resolve("sleep.log");
        }

        int client(Node n) {
            return port(n, 0);
        }

        int peer(Node n) {
            return port(n, 1);
        }

        Optional<String> agreed(List<Node> nodes, Map<String, String> answers) {
            return leaderAgreedBy(nodes, n -> Optional.ofNullable(answers.get(n.name())));
        }

        public String name() { return "sleepstore"; }
        public String version() { return ""; }
        protected void configure(Environment env) { assignPorts(env.nodes(), 7001, 7002); }
        public void awaitReady() { }
        public String clientAddress(Node node) { return node.host() + ":" + client(node); }
        public void teardown() { processes().stopAll(Duration.ofSeconds(2)); }
    }

    @Test
    void nodesSharingAnAddressGetTheirOwnPortsAndUnknownNodesAreAnError(@TempDir Path run) {
        SleepDb db = new SleepDb();
        FakeEnvironment shared = new FakeEnvironment(3, run);
        Node n3 = shared.nodes().get(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> db.client(n3));
        assertTrue(e.getMessage().contains("n3") && e.getMessage().contains("setup not run"), e.getMessage());
        db.configure(shared);
        assertEquals(List.of(7001, 7011, 7021), shared.nodes().stream().map(db::client).toList());
        assertEquals(List.of(7002, 7012, 7022), shared.nodes().stream().map(db::peer).toList());
    }

    @Test
    void aLeaderCountsOnlyWhenEveryRunningNodeAnswersAndAgrees(@TempDir Path dir) throws Exception {
        try (Environment env = Environments.create(new EnvironmentSpec("loopback", "pd" + (System.nanoTime() % 100_000), 3,
                dir, false, false))) {
            SleepDb db = new SleepDb();
            db.configure(env);
            List<Node> nodes = env.nodes();
            assertEquals(List.of(7001, 7001, 7001), nodes.stream().map(db::client).toList(), "distinct addresses share ports");
            try {
                assertEquals(Optional.empty(), db.agreed(nodes, Map.of("n1", "n1", "n2", "n1", "n3", "n1")), "nothing runs yet");
                for (Node n : nodes) {
                    Files.createDirectories(n.dir());
                    db.start(n);
                }
                assertEquals(Optional.of("n2"), db.agreed(nodes, Map.of("n1", "n2", "n2", "n2", "n3", "n2")));
                assertEquals(Optional.empty(), db.agreed(nodes, Map.of("n1", "n2", "n2", "n2", "n3", "n3")), "split");
                Map<String, String> silent = new HashMap<>(Map.of("n1", "n2", "n2", "n2"));
                assertEquals(Optional.empty(), db.agreed(nodes, silent), "n3 runs but does not answer");
                db.kill(nodes.get(2));
                assertEquals(Optional.of("n2"), db.agreed(nodes, silent), "a stopped node has no say");
            } finally {
                db.teardown();
            }
            for (Node n : nodes) assertFalse(db.isRunning(n));
        }
    }
}
