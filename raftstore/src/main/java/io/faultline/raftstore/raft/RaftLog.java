package io.faultline.raftstore.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * The in-memory log: a snapshot boundary followed by entries. Tracks which suffix is not yet
 * persisted ({@code stableIndex}) and how far the state machine has applied.
 */
final class RaftLog {
    private Snapshot snapshot;
    private final ArrayList<Entry> entries = new ArrayList<>();
    private long stableIndex;
    long committed;
    long applied;

    RaftLog(Snapshot snapshot, List<Entry> persisted, long committed) {
        this.snapshot = snapshot;
        for (Entry e : persisted) {
            if (e.index() <= snapshot.index()) continue;
            if (e.index() != lastIndex() + 1) {
                throw new IllegalStateException("persisted log has a gap: expected index " + (lastIndex() + 1)
                        + ", found " + e.index());
            }
            entries.add(e);
        }
        this.stableIndex = lastIndex();
        this.committed = Math.max(committed, snapshot.index());
        this.applied = snapshot.index();
        if (this.committed > lastIndex()) this.committed = lastIndex();
    }

    Snapshot snapshot() {
        return snapshot;
    }

    long firstIndex() {
        return snapshot.index() + 1;
    }

    long lastIndex() {
        return snapshot.index() + entries.size();
    }

    long lastTerm() {
        return entries.isEmpty() ? snapshot.term() : entries.get(entries.size() - 1).term();
    }

    /** Term of the entry at {@code index}, or -1 when it is compacted away or beyond the log. */
    long term(long index) {
        if (index == snapshot.index()) return snapshot.term();
        if (index < snapshot.index() || index > lastIndex()) return -1;
        return entries.get((int) (index - snapshot.index() - 1)).term();
    }

    Entry entry(long index) {
        return entries.get((int) (index - snapshot.index() - 1));
    }

    boolean matchTerm(long index, long term) {
        return term(index) == term;
    }

    /** Entries in [lo, hi], at most maxBytes (but at least one). Requires lo >= firstIndex. */
    List<Entry> slice(long lo, long hi, int maxBytes) {
        if (lo > hi) return List.of();
        int from = (int) (lo - snapshot.index() - 1);
        int to = (int) (hi - snapshot.index());
        int bytes = 0;
        int end = from;
        while (end < to) {
            bytes += entries.get(end).size();
            if (bytes > maxBytes && end > from) break;
            end++;
        }
        return List.copyOf(entries.subList(from, end));
    }

    void append(Entry e) {
        entries.add(e);
    }

    /**
     * Appends the leader's entries after prevIndex, truncating the first conflicting suffix.
     * Returns the index of the last new entry. Never truncates committed entries unless
     * {@code overwriteCommitted} (the no-election-restriction fault: a leader elected with a stale log
     * is followed blindly, as Raft's AppendEntries rule reads without the restriction; the commit
     * index drops back, while what was already applied stays applied).
     */
    long appendFromLeader(long prevIndex, List<Entry> es, boolean overwriteCommitted) {
        long idx = prevIndex;
        for (Entry e : es) {
            idx = e.index();
            if (idx <= snapshot.index()) continue;
            if (idx <= lastIndex()) {
                if (term(idx) == e.term()) continue;
                if (idx <= committed) {
                    if (!overwriteCommitted) {
                        throw new IllegalStateException("entry " + idx + " conflicts with committed entry (term "
                                + term(idx) + " vs " + e.term() + ")");
                    }
                    committed = idx - 1;
                }
                truncateFrom(idx);
            }
            entries.add(e);
        }
        return idx;
    }

    private void truncateFrom(long index) {
        int from = (int) (index - snapshot.index() - 1);
        entries.subList(from, entries.size()).clear();
        if (stableIndex >= index) stableIndex = index - 1;
    }

    /** First index of the term of {@code index}, scanning back no further than the snapshot. */
    long firstIndexOfTerm(long index) {
        long t = term(index);
        long i = index;
        while (i - 1 > snapshot.index() && term(i - 1) == t) i--;
        return i;
    }

    /** Last index whose term is {@code t}, or -1. */
    long lastIndexOfTerm(long t) {
        for (long i = lastIndex(); i > snapshot.index(); i--) {
            long ti = term(i);
            if (ti == t) return i;
            if (ti < t) return -1;
        }
        return -1;
    }

    boolean isUpToDate(long lastIdx, long lastT) {
        return lastT > lastTerm() || (lastT == lastTerm() && lastIdx >= lastIndex());
    }

    List<Entry> unstable() {
        if (stableIndex >= lastIndex()) return List.of();
        return List.copyOf(entries.subList((int) (stableIndex - snapshot.index()), entries.size()));
    }

    /** Marks entries from {@code index} on as not yet persisted (the bootstrap entry of a fresh node). */
    void unstableFrom(long index) {
        stableIndex = Math.min(stableIndex, index - 1);
    }

    long stableIndex() {
        return stableIndex;
    }

    void stableTo(long index) {
        if (index > stableIndex && index <= lastIndex()) stableIndex = index;
    }

    List<Entry> toApply() {
        if (applied >= committed) return List.of();
        long lo = Math.max(applied + 1, firstIndex());
        return List.copyOf(entries.subList((int) (lo - snapshot.index() - 1), (int) (committed - snapshot.index())));
    }

    /** Discards entries up to and including snapshot.index (which must be applied). */
    void compact(Snapshot s) {
        if (s.index() <= snapshot.index()) return;
        int drop = (int) Math.min(entries.size(), s.index() - snapshot.index());
        entries.subList(0, drop).clear();
        snapshot = s;
        if (stableIndex < s.index()) stableIndex = s.index();
    }

    /** Replaces the whole log with a snapshot from the leader. */
    void restore(Snapshot s) {
        entries.clear();
        snapshot = s;
        stableIndex = s.index();
        committed = s.index();
        applied = s.index();
    }

    /** Keeps entries after s.index() if they agree with it (the follower already had them). */
    boolean hasEntryMatching(long index, long t) {
        return term(index) == t;
    }
}
