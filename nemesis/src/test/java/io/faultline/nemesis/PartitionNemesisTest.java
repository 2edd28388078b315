package io.faultline.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.env.Node;
import io.faultline.fault.Nemesis;
import io.faultline.history.Op;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Partitions in real network namespaces, verified by connections tried from inside them. */
class PartitionNemesisTest {

    @BeforeAll
    static void needsRoot() {
        if (!Fixture.root()) {
            System.out.println("PartitionNemesisTest skipped: network namespaces and iptables need root");
        }
        Assumptions.assumeTrue(Fixture.root(), "network namespaces and iptables need root");
    }

    @Test
    void startsAgainEveryRoundOnlyWhereItMayIsolateTheLeader() {
        assertTrue(new PartitionNemesis(Grudges.MODES).repeatsInEveryRound(), "default modes include leader");
        assertTrue(new PartitionNemesis(List.of("one", "leader")).repeatsInEveryRound());
        assertFalse(new PartitionNemesis(List.of("one", "majority")).repeatsInEveryRound(),
                "no leader among the modes: nothing short-lived to repeat for");
    }

    @Test
    void isolatedNodeCannotReachOthersUntilHealed() throws Exception {
        try (Fixture f = new Fixture("local", "part", 3, false)) {
            Nemesis partition = Fixture.nemesis("partition", Map.of());
            f.assertAllReach("before the partition");
            Op started = f.invoke(partition, "start-partition", Map.of("mode", "one"));
            assertNull(started.error(), started.error());
            Map<?, ?> v = (Map<?, ?>) started.value();
            assertEquals("partition", v.get("fault"));
            assertEquals("one", v.get("mode"));
            Map<?, ?> grudge = (Map<?, ?>) v.get("grudge");
            String isolated = grudge.entrySet().stream().filter(e -> ((List<?>) e.getValue()).size() == 2)
                    .map(e -> (String) e.getKey()).findFirst().orElseThrow();
            Node x = f.node(isolated);
            List<Node> rest = f.assertIsolated(x);
            // Proxied peer traffic is cut too: the proxy dials the isolated node from the sender's proxy address.
            String viaProxy = f.env.peerAddress(rest.get(0), x, EchoDb.PORT);
            assertTrue(EchoDb.ask(viaProxy, "ping", 3_000).isEmpty(), "proxied link into the isolated node is cut");
            String backViaProxy = f.env.peerAddress(x, rest.get(0), EchoDb.PORT);
            assertTrue(EchoDb.ask(backViaProxy, "ping", 3_000).isEmpty(), "proxied link out of the isolated node is cut");
            // The harness (clients) still reaches every node: rules only drop peer addresses.
            assertEquals("pong", EchoDb.ask(f.db.clientAddress(x), "ping", 2_000).orElse(""));

            Op stopped = f.invoke(partition, "stop-partition", null);
            assertNull(stopped.error(), stopped.error());
            f.assertAllReach("after heal");
            assertEquals("pong", EchoDb.ask(viaProxy, "ping", 3_000).orElse(""), "proxied link works after heal");
            assertTrue(new NamespaceFirewall(f.env).rules(x, NamespaceFirewall.PARTITION_CHAIN).isEmpty());
        }
    }

    @Test
    void majorityAndBridgeShapesAreEnforcedAsGrudges() throws Exception {
        try (Fixture f = new Fixture("local", "part5", 5, false)) {
            Nemesis partition = Fixture.nemesis("partition", Map.of("partition.modes", "majority,bridge"));
            for (String mode : List.of("majority", "bridge", "majorities-ring")) {
                Op started = f.invoke(partition, "start-partition", Map.of("mode", mode));
                assertNull(started.error(), mode + ": " + started.error());
                Map<?, ?> grudge = (Map<?, ?>) ((Map<?, ?>) started.value()).get("grudge");
                assertNotNull(grudge);
                Map<String, Boolean> expected = new java.util.TreeMap<>();
                for (Node a : f.env.nodes()) {
                    for (Node b : f.env.nodes()) {
                        if (a == b) {
                            continue;
                        }
                        // A connection needs both directions: a -> b is cut when either side holds a grudge.
                        List<?> bDrops = (List<?>) grudge.get(b.name());
                        List<?> aDrops = (List<?>) grudge.get(a.name());
                        boolean cut = (bDrops != null && bDrops.contains(a.name())) || (aDrops != null && aDrops.contains(b.name()));
                        expected.put(a.name() + " -> " + b.name(), !cut);
                    }
                }
                assertEquals(expected, f.reachability(), mode + " under " + grudge);
            }
            partition.healAll(f.context);
            assertTrue(f.reachability().values().stream().allMatch(b -> b), "everyone reaches everyone after heal");
        }
    }
}
