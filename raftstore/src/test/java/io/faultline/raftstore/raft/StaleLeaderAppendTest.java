package io.faultline.raftstore.raft;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a follower does with an append from a leader that lacks entries the follower holds as
 * committed (possible only without the election restriction): normally it refuses to touch them;
 * under the no-election-restriction fault it follows the leader and the committed entries are lost,
 * which keeps the faulty cluster running so that clients can observe the loss.
 */
class StaleLeaderAppendTest {
    /** n2 holds entries 1..3 of term 1, all committed. */
    private static RaftNode follower(boolean electionRestriction) {
        var members = new TreeMap<String, String>();
        for (String id : List.of("n1", "n2", "n3")) members.put(id, "");
        List<Entry> log = List.of(new Entry(1, 1, Entry.Type.CONF, new Membership(members).encode()),
                new Entry(1, 2, Entry.Type.NORMAL, "a".getBytes(StandardCharsets.UTF_8)),
                new Entry(1, 3, Entry.Type.NORMAL, "b".getBytes(StandardCharsets.UTF_8)));
        var cfg = new RaftConfig("n2", 10, 2, true, true, 4, 1024, electionRestriction, 8, 7);
        RaftNode n = new RaftNode(cfg, new Membership(members), new HardState(1, "n1", 3), null, log);
        assertEquals(3, n.commitIndex());
        return n;
    }

    /** A term-2 leader n3 whose log ends at index 1: its no-op goes at index 2. */
    private static Message.Append staleLeaderAppend() {
        return new Message.Append("n3", "n2", 2, 1, 1, List.of(Entry.noop(2, 2)), 2);
    }

    private static Message.AppendResponse onlyResponse(RaftNode n) {
        Ready rd = n.ready();
        assertEquals(1, rd.messages().size(), rd.messages().toString());
        return assertInstanceOf(Message.AppendResponse.class, rd.messages().get(0));
    }

    @Test
    void withTheRestrictionCommittedEntriesAreNeverOverwritten() {
        RaftNode n = follower(true);
        n.step(staleLeaderAppend());
        Message.AppendResponse r = onlyResponse(n);
        assertTrue(r.success());
        assertEquals(3, r.index(), "answers with its commit index, keeping its log");
        assertEquals(3, n.lastIndex());
        assertEquals(1, n.termAt(3));
        assertEquals(3, n.commitIndex());
    }

    @Test
    void withoutTheRestrictionTheFollowerTakesTheStaleLeadersLog() {
        RaftNode n = follower(false);
        n.step(staleLeaderAppend());
        Message.AppendResponse r = onlyResponse(n);
        assertTrue(r.success());
        assertEquals(2, r.index());
        assertEquals(2, n.lastIndex(), "committed entry 3 is gone");
        assertEquals(2, n.termAt(2), "committed entry 2 was replaced by the new leader's no-op");
        assertEquals(2, n.commitIndex());
    }
}
