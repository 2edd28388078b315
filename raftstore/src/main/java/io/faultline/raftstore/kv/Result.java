package io.faultline.raftstore.kv;

import java.util.List;

/** What a command or read returned; every result carries the revision at which it applied. */
public sealed interface Result {
    long revision();

    record Put(long revision) implements Result { }

    record Delete(long revision, boolean deleted) implements Result { }

    record Cas(boolean succeeded, Object value, long revision) implements Result { }

    record Txn(List<MicroOp> ops, long revision) implements Result { }

    /** value: String, List of Strings (an append list), or null when absent. */
    record Read(String key, Object value, long revision) implements Result { }

    /** A retried command whose result was already discarded (its sequence is older than the session's last). */
    record StaleSession(String clientId, long seq, long revision) implements Result { }
}
