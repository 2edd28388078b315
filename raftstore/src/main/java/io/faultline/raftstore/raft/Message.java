package io.faultline.raftstore.raft;

import java.util.List;

/** Everything Raft peers say to each other. */
public sealed interface Message {
    String from();

    String to();

    long term();

    /** RequestVote, or its pre-vote probe; {@code transfer} bypasses the leader-lease check. */
    record VoteRequest(String from, String to, long term, long lastIndex, long lastTerm, boolean preVote,
                       boolean transfer) implements Message { }

    record VoteResponse(String from, String to, long term, boolean granted, boolean preVote) implements Message { }

    record Append(String from, String to, long term, long prevIndex, long prevTerm, List<Entry> entries,
                  long commit) implements Message { }

    /**
     * On success {@code index} is the follower's last matching index. On rejection the follower
     * names the conflicting term and the first index it holds of that term (term -1: its log is
     * shorter and {@code conflictIndex} is its last index + 1), so the leader skips a term per round trip.
     */
    record AppendResponse(String from, String to, long term, boolean success, long index, long conflictTerm,
                          long conflictIndex) implements Message { }

    /** Heartbeats carry the read sequence of the newest ReadIndex request (thesis 6.4). */
    record Heartbeat(String from, String to, long term, long commit, long readSeq) implements Message { }

    record HeartbeatResponse(String from, String to, long term, long readSeq) implements Message { }

    record InstallSnapshot(String from, String to, long term, Snapshot snapshot) implements Message { }

    /** Leadership transfer: start an election now, without pre-vote. */
    record TimeoutNow(String from, String to, long term) implements Message { }
}
