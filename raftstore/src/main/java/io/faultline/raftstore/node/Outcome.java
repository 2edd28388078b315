package io.faultline.raftstore.node;

import io.faultline.raftstore.kv.Result;

/** How a client request ended, as the replica knows it. */
public sealed interface Outcome {
    record Ok(Result result) implements Outcome { }

    /** Certainly not applied: this node is not the leader (leader may be null when unknown). */
    record NotLeader(String leader) implements Outcome { }

    /** Certainly not applied, for the given reason. */
    record Failed(String reason) implements Outcome { }

    /** May or may not have been applied. */
    record Unknown(String reason) implements Outcome { }
}
