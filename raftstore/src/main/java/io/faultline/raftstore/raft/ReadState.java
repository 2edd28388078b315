package io.faultline.raftstore.raft;

/** A read request {@code ctx} may be served once the state machine has applied {@code index}. */
public record ReadState(long ctx, long index) {
}
