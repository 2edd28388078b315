package io.faultline.raftstore.node;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Deliberate, documented bugs (docs/notes/raftstore.md): each provokes one anomaly of the
 * catalog so that the checkers can be shown to catch it. All are off by default.
 */
public enum FaultMode {
    /** The leader answers linearizable reads from local state without ReadIndex. */
    STALE_READS,
    /** Every node answers linearizable reads from its local state. */
    FOLLOWER_READS,
    /** The WAL is not fsynced before acknowledging; on restart the unsynced tail is discarded. */
    NO_FSYNC,
    /** Writes are acknowledged once appended to the leader's log, before commit. */
    ACK_BEFORE_COMMIT,
    /** Votes are granted without comparing logs (Raft's election restriction is off). */
    NO_ELECTION_RESTRICTION,
    /** Lease reads with a lease four times the election timeout. */
    LEASE_TOO_LONG,
    /** Client sessions are ignored: a retried command applies again. */
    NO_DEDUPE,
    /** A txn's micro-ops are logged and applied one by one, interleaved with other commands. */
    NO_TXN_ISOLATION;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses "a,b,c"; an empty or null string is no fault. */
    public static Set<FaultMode> parse(String csv) {
        EnumSet<FaultMode> out = EnumSet.noneOf(FaultMode.class);
        if (csv == null || csv.isBlank()) return out;
        for (String part : csv.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            FaultMode found = null;
            for (FaultMode m : values()) if (m.wireName().equals(p)) found = m;
            if (found == null) {
                var names = new StringBuilder();
                for (FaultMode m : values()) names.append(names.isEmpty() ? "" : ", ").append(m.wireName());
                throw new IllegalArgumentException("--fault: unknown mode \"" + p + "\" (expected one of: " + names + ")");
            }
            out.add(found);
        }
        return out;
    }
}
