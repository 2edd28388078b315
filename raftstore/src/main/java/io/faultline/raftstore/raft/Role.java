package io.faultline.raftstore.raft;

public enum Role {
    FOLLOWER, PRECANDIDATE, CANDIDATE, LEADER;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
