package io.faultline.raftstore.raft;

/** A request the core refuses, with the reason a client or operator can act on. */
public final class RaftException extends RuntimeException {
    public enum Kind { NOT_LEADER, BUSY, INVALID }

    private final Kind kind;

    public RaftException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
