package io.faultline.raftstore.raft;

/** A state-machine image that replaces the log up to and including {@code index}. */
public record Snapshot(long index, long term, Membership membership, byte[] data) {
}
