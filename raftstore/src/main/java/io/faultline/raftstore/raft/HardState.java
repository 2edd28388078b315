package io.faultline.raftstore.raft;

/** What must be durable before any reply is sent: the term, the vote in it, and the commit index. */
public record HardState(long term, String vote, long commit) {
    public static final HardState EMPTY = new HardState(0, null, 0);
}
