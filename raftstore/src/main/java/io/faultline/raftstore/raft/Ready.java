package io.faultline.raftstore.raft;

import java.util.List;

/**
 * One batch of work the node loop must do, in this order: send the messages for which
 * {@link #sendableBeforePersist} holds; persist {@code snapshot}, {@code entries} and
 * {@code hardState} (fsync when {@code mustSync}); send the other messages; apply
 * {@code committed}; serve {@code readStates}; call {@link RaftNode#advance}.
 *
 * @param hardState null when unchanged since the last Ready
 * @param mustSync  false when only the commit index changed: it can be recovered from a quorum,
 *                  so it is written without its own fsync (as etcd does)
 * @param snapshot  a snapshot received from the leader, to persist and restore, or null
 */
public record Ready(HardState hardState, List<Entry> entries, Snapshot snapshot, List<Entry> committed,
                    List<Message> messages, List<ReadState> readStates, Role role, String leader, long term, boolean mustSync) {
    /** Anything to write at all. */
    public boolean mustWrite() {
        return hardState != null || !entries.isEmpty() || snapshot != null;
    }

    /**
     * A leader's appends and heartbeats may leave before its own disk write (thesis 10.2.1): the
     * leader counts itself toward a commit only once its write is durable. Everything that
     * acknowledges or promises something (votes, append responses) waits for the fsync.
     */
    public boolean sendableBeforePersist(Message m) {
        return role == Role.LEADER && (m instanceof Message.Append || m instanceof Message.Heartbeat
                || m instanceof Message.InstallSnapshot);
    }
}
