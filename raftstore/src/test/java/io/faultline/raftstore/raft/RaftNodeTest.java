package io.faultline.raftstore.raft;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scenario tests of the core on a lossless in-memory network (the simulation covers the faulty one). */
class RaftNodeTest {
    private final Map<String, RaftNode> nodes = new LinkedHashMap<>();
    private final ArrayDeque<Message> wire = new ArrayDeque<>();
    private final Set<String> isolated = new HashSet<>();
    private final Map<String, List<Entry>> applied = new TreeMap<>();

    private RaftNode add(String id, Membership boot) {
        var n = new RaftNode(new RaftConfig(id, 10, 2, true, true, 4, 1024, true, 8, 42), boot, HardState.EMPTY, null, List.of());
        nodes.put(id, n);
        applied.put(id, new ArrayList<>());
        return n;
    }

    private static Membership members(String... ids) {
        var m = new TreeMap<String, String>();
        for (String id : ids) m.put(id, "");
        return new Membership(m);
    }

    private void pump() {
        for (int round = 0; round < 10_000; round++) {
            boolean any = false;
            for (var e : nodes.entrySet()) {
                RaftNode n = e.getValue();
                while (n.hasReady()) {
                    Ready rd = n.ready();
                    wire.addAll(rd.messages());
                    applied.get(e.getKey()).addAll(rd.committed());
                    n.advance(rd);
                    any = true;
                }
            }
            while (!wire.isEmpty()) {
                Message m = wire.poll();
                RaftNode to = nodes.get(m.to());
                if (to == null || isolated.contains(m.to()) || isolated.contains(m.from())) continue;
                to.step(m);
                any = true;
            }
            if (!any) return;
        }
        throw new AssertionError("no quiescence");
    }

    private void ticks(int n) {
        for (int i = 0; i < n; i++) {
            for (var e : nodes.entrySet()) if (!isolated.contains(e.getKey())) e.getValue().tick();
            pump();
        }
    }

    private String leader() {
        String l = null;
        for (var e : nodes.entrySet()) {
            if (!isolated.contains(e.getKey()) && e.getValue().role() == Role.LEADER) l = e.getKey();
        }
        return l;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private RaftNode three() {
        var m = members("n1", "n2", "n3");
        for (String id : m.members().keySet()) add(id, m);
        ticks(40);
        String l = leader();
        assertNotNull(l, "a leader is elected");
        return nodes.get(l);
    }

    @Test
    void electsOneLeaderWhoCommitsANoopFirst() {
        RaftNode l = three();
        long t = l.term();
        assertEquals(t, l.termAt(l.commitIndex()), "the leader commits an entry of its own term");
        assertTrue(l.entryAt(l.commitIndex()).isNoop());
        int leaders = 0;
        for (RaftNode n : nodes.values()) if (n.role() == Role.LEADER) leaders++;
        assertEquals(1, leaders);
    }

    @Test
    void batchedProposalsReplicateAndCommitEverywhere() {
        RaftNode l = three();
        var batch = new ArrayList<byte[]>();
        for (int i = 0; i < 100; i++) batch.add(b("cmd" + i));
        long last = l.propose(batch);
        pump();
        for (RaftNode n : nodes.values()) {
            assertEquals(last, n.lastIndex());
            assertEquals(last, n.commitIndex(), n.id() + " commit");
        }
    }

    @Test
    void followerLogRepairSkipsAConflictingTermPerRoundTrip() {
        RaftNode l = three();
        String old = l.id();
        String follower = nodes.keySet().stream().filter(id -> !id.equals(old)).findFirst().orElseThrow();
        // The old leader, cut off, appends entries that will never commit.
        isolated.add(old);
        l.propose(List.of(b("lost1"), b("lost2"), b("lost3")));
        pump();
        ticks(60);
        String next = leader();
        assertNotNull(next);
        assertNotEquals(old, next);
        nodes.get(next).propose(List.of(b("kept")));
        pump();
        isolated.remove(old);
        ticks(20);
        RaftNode o = nodes.get(old);
        RaftNode f = nodes.get(follower);
        assertEquals(f.lastIndex(), o.lastIndex(), "the old leader's divergent suffix was replaced");
        for (long i = 1; i <= o.lastIndex(); i++) assertEquals(f.termAt(i), o.termAt(i), "term at " + i);
        for (long i = 1; i <= o.lastIndex(); i++) assertFalse(new String(o.entryAt(i).data(), StandardCharsets.UTF_8).startsWith("lost"));
    }

    @Test
    void leadershipTransferMovesLeadershipToTheTarget() {
        RaftNode l = three();
        String target = nodes.keySet().stream().filter(id -> !id.equals(l.id())).findFirst().orElseThrow();
        l.transferLeadership(target);
        assertThrows(RaftException.class, () -> l.propose(List.of(b("x"))), "no proposals during a transfer");
        pump();
        ticks(2);
        assertEquals(target, leader());
        assertEquals(Role.FOLLOWER, l.role());
    }

    @Test
    void addingAServerCatchesItUpThenMakesItAVoter() {
        RaftNode l = three();
        l.propose(List.of(b("a"), b("b")));
        pump();
        RaftNode n4 = add("n4", members()); // joining: no membership until the leader sends it
        l.startCatchUp("n4");
        ticks(5);
        assertEquals(l.lastIndex(), l.catchUpMatch("n4"), "caught up as a non-voter");
        assertFalse(l.membership().contains("n4"));
        long idx = l.proposeMembership(l.membership().with("n4", "x|y"));
        assertThrows(RaftException.class, () -> l.proposeMembership(l.membership().without("n1")),
                "one change at a time");
        pump();
        assertTrue(l.commitIndex() >= idx);
        assertTrue(n4.membership().contains("n4"));
        assertEquals(4, n4.membership().members().size());
        assertEquals(l.lastIndex(), n4.lastIndex());
    }

    @Test
    void removingTheLeaderMakesItStepDownAndTheRestElectANewOne() {
        RaftNode l = three();
        String old = l.id();
        long idx = l.proposeMembership(l.membership().without(old));
        pump();
        assertTrue(l.commitIndex() >= idx);
        assertEquals(Role.FOLLOWER, l.role(), "a removed leader steps down once the removal commits");
        isolated.add(old);
        ticks(60);
        String next = leader();
        assertNotNull(next);
        assertNotEquals(old, next);
        assertEquals(2, nodes.get(next).membership().members().size());
    }

    @Test
    void readIndexNeedsAQuorumRoundTrip() {
        RaftNode l = three();
        l.readIndex(7);
        Ready rd = l.ready();
        assertTrue(rd.readStates().isEmpty(), "not served before a heartbeat round");
        l.advance(rd);
        var served = new ArrayList<ReadState>();
        for (Message m : rd.messages()) {
            if (!(m instanceof Message.Heartbeat)) continue;
            RaftNode f = nodes.get(m.to());
            f.step(m);
            Ready fr = f.ready();
            f.advance(fr);
            for (Message back : fr.messages()) l.step(back);
            Ready lr = l.ready();
            l.advance(lr);
            served.addAll(lr.readStates());
        }
        assertEquals(1, served.size(), "one follower's answer makes a quorum of three");
        assertEquals(new ReadState(7, l.commitIndex()), served.get(0));
    }

    @Test
    void checkQuorumMakesAnIsolatedLeaderStepDown() {
        RaftNode l = three();
        isolated.add(l.id());
        for (int i = 0; i < 30; i++) l.tick();
        assertNotEquals(Role.LEADER, l.role());
    }
}
