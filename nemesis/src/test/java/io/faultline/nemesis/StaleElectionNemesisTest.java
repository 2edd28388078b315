package io.faultline.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.env.Node;
import io.faultline.fault.Nemesis;
import io.faultline.history.Op;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The stale-election schedule in real network namespaces: start isolates a follower (never the
 * leader), stop kills the leader, heals, and restarts it, leaving every link and node up.
 */
class StaleElectionNemesisTest {

    @Test
    void isolatesAFollowerThenKillsTheLeaderHealsAndRestarts() throws Exception {
        if (!Fixture.root()) System.out.println("StaleElectionNemesisTest skipped: network namespaces and iptables need root");
        Assumptions.assumeTrue(Fixture.root(), "network namespaces and iptables need root");
        try (Fixture f = new Fixture("local", "stale", 3, false)) {
            Nemesis n = Fixture.nemesis("stale-election", Map.of("stale-election.settle-ms", "200", "stale-election.down-ms", "100"));
            assertEquals("start-stale-election", n.startF());
            Op started = f.invoke(n, n.startF(), null);
            assertNull(started.error(), started.error());
            Map<?, ?> v = (Map<?, ?>) started.value();
            assertEquals("n1", v.get("leader"), "the echo store's leader is its lowest-named node");
            String staleName = (String) ((List<?>) v.get("nodes")).get(0);
            assertNotEquals("n1", staleName, "the isolated node is a follower");
            Node stale = f.node(staleName);
            f.assertIsolated(stale);

            Op stopped = f.invoke(n, n.stopF(), null);
            assertNull(stopped.error(), stopped.error());
            Map<?, ?> s = (Map<?, ?>) stopped.value();
            // The leader first; then the up-to-date survivor, restarted at the heal with a fresh
            // election timer; the leader after down-ms. The stale node is never killed.
            String survivor = List.of("n2", "n3").stream().filter(x -> !x.equals(staleName)).findFirst().orElseThrow();
            assertEquals(List.of("n1", survivor), s.get("killed"));
            assertEquals(List.of(survivor, "n1"), s.get("restarted"));
            assertTrue(f.env.nodes().stream().allMatch(f.db::isRunning), "every node runs again");
            f.assertAllReach("after the stop");
        }
    }

    @Test
    void badOptionNamesTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fixture.nemesis("stale-election", Map.of("stale-election.settle-ms", "-5")));
        assertTrue(e.getMessage().contains("stale-election.settle-ms=-5"), e.getMessage());
    }
}
