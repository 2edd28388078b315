package io.faultline.raftstore.raft;

import java.util.List;

/**
 * One batch of work the node loop must do, in this order: persist {@code snapshot},
 * {@code entries} and {@code hardState} (one fsync), then send {@code messages}, then apply
 * {@code committed}, then serve {@code readStates}, then call {@link RaftNode#advance}.
 *
 * @param hardState null when unchanged since the last Ready
 * @param snapshot  a snapshot received from the leader, to persist and restore, or null
 */
public record Ready(HardState hardState, List<Entry> entries, Snapshot snapshot, List<Entry> committed,
                    List<Message> messages, List<ReadState> readStates, Role role, String leader, long term) {
    public boolean mustSync() {
        return hardState != null || !entries.isEmpty() || snapshot != null;
    }
}
