package io.faultline.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class GrudgesTest {
    private static final List<String> FIVE = List.of("n1", "n2", "n3", "n4", "n5");

    @Test
    void splitIsSymmetricAndComplete() {
        Map<String, Set<String>> g = Grudges.split(List.of("n1"), List.of("n2", "n3"));
        assertEquals(Set.of("n2", "n3"), g.get("n1"));
        assertEquals(Set.of("n1"), g.get("n2"));
        assertEquals(Set.of("n1"), g.get("n3"));
    }

    @Test
    void majoritiesRingGivesEveryNodeADifferentMajority() {
        Map<String, Set<String>> g = Grudges.majoritiesRing(FIVE);
        Set<Set<String>> majorities = new java.util.HashSet<>();
        for (String n : FIVE) {
            Set<String> visible = new TreeSet<>(FIVE);
            visible.removeAll(g.getOrDefault(n, Set.of()));
            assertEquals(3, visible.size(), n + " sees " + visible);
            assertTrue(visible.contains(n));
            majorities.add(visible);
        }
        assertEquals(5, majorities.size(), "no two nodes share a majority");
        // Ring order n1..n5: n1 sees n5, n1, n2 and drops n3, n4.
        assertEquals(Set.of("n3", "n4"), g.get("n1"));
    }

    @Test
    void bridgeNodeSeesBothHalvesWhichCannotSeeEachOther() {
        Map<String, Set<String>> g = Grudges.bridge(FIVE);
        assertFalse(g.containsKey("n1"), "the bridge node drops nothing");
        assertEquals(Set.of("n4", "n5"), g.get("n2"));
        assertEquals(Set.of("n2", "n3"), g.get("n5"));
        for (Set<String> dropped : g.values()) {
            assertFalse(dropped.contains("n1"), "nobody drops the bridge");
        }
    }

    @Test
    void sameSeedSameGrudge() {
        var nodes = new io.faultline.testing.fake.FakeEnvironment(5, java.nio.file.Path.of("/nonexistent")).nodes();
        for (String mode : Grudges.MODES) {
            assertEquals(Grudges.of(mode, nodes, java.util.Optional.empty(), new java.util.Random(7)),
                    Grudges.of(mode, nodes, java.util.Optional.empty(), new java.util.Random(7)), mode);
        }
    }

    @Test
    void leaderModeIsolatesTheLeader() {
        var nodes = new io.faultline.testing.fake.FakeEnvironment(5, java.nio.file.Path.of("/nonexistent")).nodes();
        Map<String, Set<String>> g = Grudges.of("leader", nodes, java.util.Optional.of(nodes.get(3)), new java.util.Random(1));
        assertEquals(Set.of("n1", "n2", "n3", "n5"), g.get("n4"));
        assertEquals(Set.of("n4"), g.get("n1"));
    }
}
