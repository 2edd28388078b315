package io.faultline.raftstore.storage;

import io.faultline.raftstore.raft.Entry;
import io.faultline.raftstore.raft.HardState;
import io.faultline.raftstore.raft.Snapshot;

import java.util.List;

/** What a node finds on disk at start-up; snapshot is null when none was taken. */
public record Recovered(HardState hardState, Snapshot snapshot, List<Entry> entries) {
}
