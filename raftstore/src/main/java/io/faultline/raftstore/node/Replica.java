package io.faultline.raftstore.node;

import io.faultline.raftstore.kv.Command;
import io.faultline.raftstore.kv.KvStore;
import io.faultline.raftstore.kv.MicroOp;
import io.faultline.raftstore.kv.Result;
import io.faultline.raftstore.raft.Entry;
import io.faultline.raftstore.raft.RaftException;
import io.faultline.raftstore.raft.RaftNode;
import io.faultline.raftstore.raft.ReadState;
import io.faultline.raftstore.raft.Ready;
import io.faultline.raftstore.raft.Role;
import io.faultline.raftstore.raft.Snapshot;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A Raft node plus its key-value state machine and the client requests waiting on them. Like
 * the core it does no I/O, so the deterministic simulation drives exactly the code the real
 * node loop runs, fault modes included. One thread owns it.
 *
 * <p>Per loop iteration the owner calls {@link #ready()}, persists, calls
 * {@link #persisted(Ready)}, sends the messages, then {@link #applyAndAdvance(Ready)}.
 */
public final class Replica {
    private record Pending(long term, Command command, Consumer<Outcome> done) { }

    private record Queued(byte[] data, Command command, Consumer<Outcome> done) { }

    private record WaitingRead(String key, Consumer<Outcome> done) { }

    private final RaftNode raft;
    private final KvStore store;
    private final Set<FaultMode> faults;
    private final boolean leaseReads;
    private final LongSupplier clockMillis;
    private final int snapshotThreshold;

    private final ArrayList<Queued> queue = new ArrayList<>();
    private final HashMap<Long, Pending> pending = new HashMap<>();
    private final HashMap<Long, WaitingRead> reads = new HashMap<>();
    /** Read states whose index is not applied yet, by index. */
    private final TreeMap<Long, List<ReadState>> readsAwaitingApply = new TreeMap<>();
    private final ArrayDeque<Snapshot> snapshotsToPersist = new ArrayDeque<>();
    private long nextReadCtx;

    public Replica(RaftNode raft, KvStore store, Set<FaultMode> faults, boolean leaseReads, int snapshotThreshold,
                   LongSupplier clockMillis) {
        this.raft = raft;
        this.store = store;
        this.faults = faults;
        this.leaseReads = leaseReads || faults.contains(FaultMode.LEASE_TOO_LONG);
        this.snapshotThreshold = snapshotThreshold;
        this.clockMillis = clockMillis;
        store.restore(raft.snapshot().data());
    }

    public RaftNode raft() {
        return raft;
    }

    public KvStore store() {
        return store;
    }

    public Set<FaultMode> faults() {
        return faults;
    }

    // ---- client requests ----

    /** A mutating command; clientId null means no session. */
    public void submit(String clientId, long seq, Command command, Consumer<Outcome> done) {
        if (raft.role() != Role.LEADER) {
            done.accept(new Outcome.NotLeader(raft.leader()));
            return;
        }
        if (faults.contains(FaultMode.NO_TXN_ISOLATION) && command instanceof Command.Txn t && t.ops().size() > 1) {
            submitSplit(t.ops(), 0, new ArrayList<>(), 0, done);
            return;
        }
        byte[] data = new Command.Envelope(clientId, seq, clockMillis.getAsLong(), command).encode();
        queue.add(new Queued(data, command, done));
    }

    /** The no-txn-isolation fault: each micro-op is its own log entry, so other commands interleave. */
    private void submitSplit(List<MicroOp> ops, int i, List<MicroOp> results, long rev, Consumer<Outcome> done) {
        if (i == ops.size()) {
            done.accept(new Outcome.Ok(new Result.Txn(results, rev)));
            return;
        }
        submit(null, 0, new Command.Txn(List.of(ops.get(i))), o -> {
            if (o instanceof Outcome.Ok ok && ok.result() instanceof Result.Txn t) {
                results.addAll(t.ops());
                submitSplit(ops, i + 1, results, t.revision(), done);
            } else if (i == 0) {
                done.accept(o);
            } else {
                done.accept(new Outcome.Unknown("txn partly applied (" + i + " of " + ops.size() + " micro-ops)"));
            }
        });
    }

    /** A read of one key; linearizable unless {@code serializable}. */
    public void read(String key, boolean serializable, Consumer<Outcome> done) {
        if (serializable || faults.contains(FaultMode.FOLLOWER_READS)) {
            done.accept(new Outcome.Ok(store.read(key)));
            return;
        }
        if (raft.role() != Role.LEADER) {
            done.accept(new Outcome.NotLeader(raft.leader()));
            return;
        }
        if (faults.contains(FaultMode.STALE_READS)) {
            done.accept(new Outcome.Ok(store.read(key)));
            return;
        }
        long ctx = ++nextReadCtx;
        reads.put(ctx, new WaitingRead(key, done));
        try {
            if (leaseReads) raft.leaseRead(ctx); else raft.readIndex(ctx);
        } catch (RaftException e) {
            reads.remove(ctx);
            done.accept(new Outcome.NotLeader(raft.leader()));
        }
    }

    // ---- the loop ----

    /** Proposes everything queued as one batch (one fsync), then returns the core's Ready. */
    public Ready ready() {
        flush();
        return raft.ready();
    }

    public boolean hasReady() {
        return !queue.isEmpty() || raft.hasReady();
    }

    private void flush() {
        if (queue.isEmpty()) return;
        var batch = new ArrayList<byte[]>(queue.size());
        for (Queued q : queue) batch.add(q.data());
        try {
            long last = raft.propose(batch);
            long first = last - queue.size() + 1;
            for (int i = 0; i < queue.size(); i++) {
                Queued q = queue.get(i);
                pending.put(first + i, new Pending(raft.term(), q.command(), q.done()));
            }
        } catch (RaftException e) {
            for (Queued q : queue) {
                q.done().accept(e.kind() == RaftException.Kind.NOT_LEADER ? new Outcome.NotLeader(raft.leader())
                        : new Outcome.Failed(e.getMessage()));
            }
        }
        queue.clear();
    }

    /** Called once the Ready's entries are on disk (or, under no-fsync, merely written). */
    public void persisted(Ready rd) {
        if (!faults.contains(FaultMode.ACK_BEFORE_COMMIT) || rd.role() != Role.LEADER) return;
        for (Entry e : rd.entries()) {
            Pending p = pending.get(e.index());
            if (p == null || p.term() != e.term()) continue;
            Result speculative = switch (p.command()) {
                case Command.Put put -> new Result.Put(e.index());
                case Command.Delete d -> new Result.Delete(e.index(), store.read(d.key()).value() != null);
                case Command.Cas c -> {
                    Object cur = store.read(c.key()).value();
                    boolean ok = c.expected() == null ? cur == null : c.expected().equals(cur);
                    yield new Result.Cas(ok, ok ? c.next() : cur, e.index());
                }
                case Command.Txn t -> null;
            };
            if (speculative != null) {
                pending.remove(e.index());
                p.done().accept(new Outcome.Ok(speculative));
            }
        }
    }

    public void applyAndAdvance(Ready rd) {
        if (rd.snapshot() != null) {
            store.restore(rd.snapshot().data());
            for (Iterator<Map.Entry<Long, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (e.getKey() <= rd.snapshot().index()) {
                    it.remove();
                    e.getValue().done().accept(new Outcome.Unknown("replaced by a snapshot"));
                }
            }
        }
        for (Entry e : rd.committed()) applyEntry(e);
        raft.advance(rd);
        for (ReadState rs : rd.readStates()) {
            readsAwaitingApply.computeIfAbsent(rs.index(), k -> new ArrayList<>()).add(rs);
        }
        serveReads();
        if (rd.role() != Role.LEADER && !reads.isEmpty()) {
            // Reads have no effect, so failing them is always safe.
            for (WaitingRead r : reads.values()) r.done().accept(new Outcome.NotLeader(rd.leader()));
            reads.clear();
            readsAwaitingApply.clear();
        }
        maybeSnapshot();
    }

    private void applyEntry(Entry e) {
        Pending p = pending.remove(e.index());
        if (e.type() != Entry.Type.NORMAL || e.isNoop()) {
            if (p != null) p.done().accept(new Outcome.Failed("entry " + e.index() + " was replaced by another leader"));
            return;
        }
        Result r = store.apply(e.index(), Command.Envelope.decode(e.data()));
        if (p == null) return;
        if (p.term() == e.term()) {
            p.done().accept(new Outcome.Ok(r));
        } else {
            p.done().accept(new Outcome.Failed("entry " + e.index() + " was replaced by another leader"));
        }
    }

    private void serveReads() {
        long applied = raft.appliedIndex();
        while (!readsAwaitingApply.isEmpty() && readsAwaitingApply.firstKey() <= applied) {
            for (ReadState rs : readsAwaitingApply.pollFirstEntry().getValue()) {
                WaitingRead r = reads.remove(rs.ctx());
                if (r != null) r.done().accept(new Outcome.Ok(store.read(r.key())));
            }
        }
    }

    private void maybeSnapshot() {
        if (snapshotThreshold <= 0) return;
        long applied = raft.appliedIndex();
        if (applied - raft.snapshot().index() < snapshotThreshold) return;
        raft.compact(applied, store.snapshot());
        snapshotsToPersist.add(raft.snapshot());
    }

    /** Snapshots this replica took since the last call, for the owner to make durable. */
    public Snapshot pollSnapshotToPersist() {
        return snapshotsToPersist.pollFirst();
    }

    /** Fails everything in flight; for shutdown. */
    public void failAll(String reason) {
        for (Queued q : queue) q.done().accept(new Outcome.Failed(reason));
        queue.clear();
        for (Pending p : pending.values()) p.done().accept(new Outcome.Unknown(reason));
        pending.clear();
        for (WaitingRead r : reads.values()) r.done().accept(new Outcome.Failed(reason));
        reads.clear();
    }
}
