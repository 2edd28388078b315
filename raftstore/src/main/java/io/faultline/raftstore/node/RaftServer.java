package io.faultline.raftstore.node;

import io.faultline.raftstore.kv.Command;
import io.faultline.raftstore.kv.KvStore;
import io.faultline.raftstore.net.HostPort;
import io.faultline.raftstore.net.PeerTransport;
import io.faultline.raftstore.raft.Membership;
import io.faultline.raftstore.raft.Message;
import io.faultline.raftstore.raft.RaftConfig;
import io.faultline.raftstore.raft.RaftException;
import io.faultline.raftstore.raft.RaftNode;
import io.faultline.raftstore.raft.Ready;
import io.faultline.raftstore.raft.Role;
import io.faultline.raftstore.raft.Snapshot;
import io.faultline.raftstore.storage.Recovered;
import io.faultline.raftstore.storage.SnapshotStore;
import io.faultline.raftstore.storage.Wal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The node loop around the {@link Replica}: the disk and network I/O around the core, run by one
 * thread at a time under the core lock. While the loop thread is idle, peer readers and HTTP
 * handlers run the work they bring themselves (see {@link #submit}); the loop thread ticks the
 * clock and takes everything under load. Requests that arrive during an fsync are proposed
 * together and share the next one (group commit).
 */
public final class RaftServer implements AutoCloseable {
    static final int TICK_MS = 10;
    private static final long SEGMENT_BYTES = 64L << 20;

    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MS);
    /**
     * Under no-fsync, how often the page cache reaches the disk anyway. Linux's flusher wakes every
     * 5 s by default (vm.dirty_writeback_centisecs = 500) and then writes only pages dirty for 30 s,
     * so writing everything every 5 s still loses less than the kernel would. At one second, two
     * seeds of ten lost nothing in their whole-cluster kill: a restarted cluster keeps about the
     * longest surviving log, and the latest of three independent syncs comes within 50 ms (about a
     * commit's latency here) of the kill one time in seven; at 5 s, one in thirty-four
     * (docs/notes/detection.md).
     */
    private static final long WRITEBACK_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final ServerConfig cfg;
    private final Consumer<String> log;
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    /** Owns the replica, the WAL and everything below: one thread at a time runs the core. */
    private final ReentrantLock core = new ReentrantLock();
    /** The loop thread is parked waiting for work or its next tick: callers may run the core themselves. */
    private volatile boolean loopIdle;
    // Guarded by core.
    private final ArrayList<Runnable> tasks = new ArrayList<>();
    private final ArrayList<Runnable> local = new ArrayList<>();
    private long nextTick;
    private long nextSync;
    private final Map<String, HostPort> addedPeers = new ConcurrentHashMap<>();
    private final List<BooleanSupplier> watchers = new ArrayList<>();
    private final SnapshotStore snapshots;
    private final Wal wal;
    private final Replica replica;
    private final PeerTransport transport;
    private final Thread loop;
    private volatile boolean running = true;
    private volatile Membership membershipView;
    private Role lastRole;
    private String lastLeader;
    private long lastTerm = -1;

    public RaftServer(ServerConfig cfg, Consumer<String> log) throws IOException {
        this.cfg = cfg;
        this.log = log;
        boolean noFsync = cfg.faults().contains(FaultMode.NO_FSYNC);
        this.snapshots = new SnapshotStore(cfg.dataDir().resolve("snap"));
        Snapshot snap = snapshots.loadLatest();
        Wal.Opened opened = Wal.open(cfg.dataDir().resolve("wal"), snap, SEGMENT_BYTES, !noFsync);
        this.wal = opened.wal();
        Recovered rec = opened.recovered();
        log.accept("recovered: term=" + rec.hardState().term() + " commit=" + rec.hardState().commit() + " snapshot="
                + (snap == null ? 0 : snap.index()) + " entries=" + rec.entries().size());

        int electionTicks = Math.max(2, cfg.electionTimeoutMs() / TICK_MS);
        int heartbeatTicks = Math.max(1, Math.min(electionTicks - 1, cfg.heartbeatMs() / TICK_MS));
        int leaseTicks = cfg.leaseMs() > 0 ? Math.max(1, cfg.leaseMs() / TICK_MS) : electionTicks * 3 / 4;
        if (cfg.faults().contains(FaultMode.LEASE_TOO_LONG)) leaseTicks = electionTicks * 4;
        // stale-reads models a leader that never doubts its leadership: no ReadIndex and no check-quorum
        // step-down, so a partitioned old leader keeps answering reads from its stale state.
        boolean checkQuorum = !cfg.faults().contains(FaultMode.STALE_READS);
        var raftCfg = new RaftConfig(cfg.id(), electionTicks, heartbeatTicks, true, checkQuorum, 256, 1 << 20,
                !cfg.faults().contains(FaultMode.NO_ELECTION_RESTRICTION), leaseTicks, System.nanoTime());
        var boot = new TreeMap<String, String>();
        if (!cfg.join()) {
            for (String p : cfg.peers().keySet()) boot.put(p, "");
            boot.put(cfg.id(), "");
        }
        RaftNode raft = new RaftNode(raftCfg, new Membership(boot), rec.hardState(), rec.snapshot(), rec.entries());
        this.replica = new Replica(raft, new KvStore(!cfg.faults().contains(FaultMode.NO_DEDUPE),
                cfg.sessionExpirySeconds() * 1000L), cfg.faults(), cfg.leaseMs() > 0, cfg.snapshotThreshold(),
                System::currentTimeMillis);
        this.membershipView = raft.membership();
        // The election clock starts once recovery is done and peers can reach this node: counting the
        // time spent replaying the WAL made a restarted node campaign within ~0.1 s of coming up,
        // before a leader (or a candidate that was up all along) had one election timeout to reach it.
        this.nextTick = System.nanoTime() + TICK_NANOS;
        this.nextSync = System.nanoTime() + WRITEBACK_NANOS;
        this.transport = new PeerTransport(cfg.id(), cfg.peer(), cfg.client().toString(), this::dialAddress,
                new PeerTransport.Receiver() {
                    @Override
                    public void message(Message m) {
                        inbox.add(new PeerMessage(m));
                    }

                    @Override
                    public void drained() {
                        combine();
                    }
                }, log);
        this.loop = Thread.ofPlatform().name("raft-loop").start(this::run);
    }

    private HostPort dialAddress(String peer) {
        HostPort p = cfg.peers().get(peer);
        if (p != null) return p;
        p = addedPeers.get(peer);
        if (p != null) return p;
        String v = membershipView.members().get(peer);
        if (v != null && v.contains("|")) return HostPort.parse("member " + peer, v.substring(0, v.indexOf('|')));
        return null;
    }

    /** Where to forward client requests for a peer, or null when unknown. */
    public String clientAddressOf(String peer) {
        String a = transport.clientAddressOf(peer);
        if (a != null) return a;
        String v = membershipView.members().get(peer);
        if (v != null && v.contains("|")) return v.substring(v.indexOf('|') + 1);
        return null;
    }

    public String id() {
        return cfg.id();
    }

    /**
     * Hands a task to the core. While the loop thread is idle, the caller that finds the core free
     * runs one round of everything queued, and the Ready it produces, itself: an HTTP thread
     * proposes and writes its own entry; a peer reader steps what it read once its connection has
     * nothing more waiting (so a burst of pipelined appends shares one fsync). One request at a
     * time then crosses no thread hand-off inside the node; each would be a wake-up, and on this
     * 2-core virtual machine a wake-up can wait milliseconds. Under load the loop thread is awake
     * and takes everything, as a single batching thread does best. A thread that finds the core
     * busy leaves its task queued, and whoever holds the core wakes the loop thread on leaving if
     * anything is still queued, so tasks that arrive during an fsync share the next one.
     */
    private void submit(Runnable task) {
        inbox.add(task);
        combine();
    }

    /** Runs what is queued if the node is idle; otherwise the loop thread or the holder will. */
    private void combine() {
        if (!loopIdle || Thread.currentThread().isInterrupted()) {
            // Under load the loop thread is awake anyway and batches best; and an interrupted
            // thread's next file write would close the WAL's channel under everyone.
            LockSupport.unpark(loop);
            return;
        }
        if (!core.tryLock()) return; // the holder wakes the loop thread for it on leaving
        try {
            // One round: a combining thread has its own caller to answer, or its own connection
            // to read, so what arrives meanwhile goes to the loop thread.
            if (running && !inbox.isEmpty()) serve();
        } finally {
            core.unlock();
        }
        if (!inbox.isEmpty()) LockSupport.unpark(loop);
    }

    /** Ticks the clock, and takes over work that no other thread is running. */
    private void run() {
        while (running) {
            long wait = nextTick - System.nanoTime();
            if (wait > 0 && inbox.isEmpty()) {
                loopIdle = true;
                if (inbox.isEmpty()) LockSupport.parkNanos(this, wait);
                loopIdle = false;
            }
            core.lock();
            try {
                if (running) serve();
            } finally {
                core.unlock();
            }
        }
    }

    /** Under the core lock: one round of everything queued, the ticks that are due, and the Ready. */
    private void serve() {
        try {
            for (Runnable t; (t = inbox.poll()) != null; ) tasks.add(t);
            // Peer messages first, with their own Ready: acknowledgements that arrived during
            // the last fsync commit and answer their clients now, instead of waiting behind
            // the fsync of the proposals that arrived in the same batch. Each source keeps
            // its own order; between sources there was no order to keep.
            for (Runnable r : tasks) {
                if (r instanceof PeerMessage) runTask(r); else local.add(r);
            }
            tasks.clear();
            long now = System.nanoTime();
            // After a pause the node catches up on every missed tick before serving anything.
            while (now - nextTick >= 0) {
                replica.raft().tick();
                nextTick += TICK_NANOS;
            }
            if (!local.isEmpty()) {
                processReady();
                for (Runnable r : local) runTask(r);
                local.clear();
            }
            processReady();
            if (!watchers.isEmpty()) watchers.removeIf(BooleanSupplier::getAsBoolean);
            if (cfg.faults().contains(FaultMode.NO_FSYNC) && now - nextSync >= 0) {
                wal.syncNow(); // the page cache's own occasional writeback
                nextSync = now + WRITEBACK_NANOS;
            }
        } catch (RuntimeException e) {
            log.accept("FATAL in node loop (thread " + Thread.currentThread().getName() + "): " + e);
            e.printStackTrace(System.out);
            Runtime.getRuntime().halt(70);
        }
    }

    private final class PeerMessage implements Runnable {
        private final Message m;

        PeerMessage(Message m) {
            this.m = m;
        }

        @Override
        public void run() {
            replica.raft().step(m);
        }
    }

    private void runTask(Runnable r) {
        try {
            r.run();
        } catch (RaftException e) {
            log.accept("request refused: " + e.getMessage());
        }
    }

    private void processReady() {
        while (replica.hasReady()) {
            Ready rd = replica.ready();
            for (Message m : rd.messages()) if (rd.sendableBeforePersist(m)) transport.send(m);
            if (rd.snapshot() != null) snapshots.save(rd.snapshot());
            if (rd.mustWrite()) wal.append(rd.snapshot(), rd.entries(), rd.hardState(), rd.mustSync());
            replica.persisted(rd);
            for (Message m : rd.messages()) if (!rd.sendableBeforePersist(m)) transport.send(m);
            replica.applyAndAdvance(rd);
            if (rd.snapshot() != null) log.accept("installed snapshot from leader at index " + rd.snapshot().index());
            for (Snapshot s; (s = replica.pollSnapshotToPersist()) != null; ) {
                snapshots.save(s);
                wal.releaseUpTo(s.index());
                log.accept("snapshot at index " + s.index() + " durable; old WAL segments released");
            }
            membershipView = replica.raft().membership();
            if (rd.role() != lastRole || rd.term() != lastTerm || !java.util.Objects.equals(rd.leader(), lastLeader)) {
                log.accept("role=" + rd.role().wireName() + " term=" + rd.term() + " leader=" + rd.leader());
                lastRole = rd.role();
                lastTerm = rd.term();
                lastLeader = rd.leader();
            }
        }
    }

    // ---- requests from other threads ----

    public CompletableFuture<Outcome> command(String clientId, long seq, Command c) {
        var f = new CompletableFuture<Outcome>();
        submit(() -> replica.submit(clientId, seq, c, f::complete));
        return f;
    }

    public CompletableFuture<Outcome> read(String key, boolean serializable) {
        var f = new CompletableFuture<Outcome>();
        submit(() -> replica.read(key, serializable, f::complete));
        return f;
    }

    public CompletableFuture<Map<String, Object>> status() {
        var f = new CompletableFuture<Map<String, Object>>();
        submit(() -> {
            RaftNode r = replica.raft();
            var members = new LinkedHashMap<String, Object>();
            for (String m : r.membership().members().keySet()) {
                HostPort d = dialAddress(m);
                var info = new LinkedHashMap<String, Object>();
                info.put("peer", m.equals(cfg.id()) ? cfg.peer().toString() : d == null ? null : d.toString());
                info.put("client", m.equals(cfg.id()) ? cfg.client().toString() : clientAddressOf(m));
                members.put(m, info);
            }
            var s = new LinkedHashMap<String, Object>();
            s.put("id", cfg.id());
            s.put("role", r.role().wireName());
            s.put("term", r.term());
            s.put("leader", r.leader());
            s.put("commitIndex", r.commitIndex());
            s.put("appliedIndex", r.appliedIndex());
            s.put("lastIndex", r.lastIndex());
            s.put("snapshotIndex", r.snapshot().index());
            s.put("members", members);
            var faults = new ArrayList<Object>();
            for (FaultMode m : cfg.faults()) faults.add(m.wireName());
            s.put("faults", faults);
            f.complete(s);
        });
        return f;
    }

    /** Completes with null on success, or an error message. */
    public CompletableFuture<String> transfer(String to) {
        var f = new CompletableFuture<String>();
        submit(() -> {
            try {
                replica.raft().transferLeadership(to);
            } catch (RaftException e) {
                f.complete(e.getMessage());
                return;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            watchers.add(() -> {
                if (to.equals(replica.raft().leader()) || to.equals(cfg.id())) return f.complete(null) || true;
                if (System.nanoTime() > deadline) return f.complete("transfer to " + to + " did not finish in 5 s") || true;
                return false;
            });
        });
        return f;
    }

    /** Adds a server: catch it up as a non-voter, then commit the configuration that includes it. */
    public CompletableFuture<String> addMember(String newId, HostPort peer, HostPort client) {
        var f = new CompletableFuture<String>();
        addedPeers.put(newId, peer);
        submit(() -> {
            RaftNode r = replica.raft();
            try {
                if (r.membership().contains(newId)) {
                    f.complete(newId + " is already a member");
                    return;
                }
                r.startCatchUp(newId);
            } catch (RaftException e) {
                f.complete(e.getMessage());
                return;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            long[] confIndex = {-1};
            watchers.add(() -> {
                if (System.nanoTime() > deadline) {
                    r.stopCatchUp(newId);
                    return f.complete("adding " + newId + " did not finish in 30 s (is it running with --join?)") || true;
                }
                try {
                    if (confIndex[0] < 0) {
                        if (r.catchUpMatch(newId) < r.commitIndex()) return false; // still catching up
                        confIndex[0] = r.proposeMembership(r.membership().with(newId, peer + "|" + client));
                        log.accept("proposed adding " + newId + " at index " + confIndex[0]);
                        return false;
                    }
                    if (r.commitIndex() >= confIndex[0]) return f.complete(null) || true;
                    return false;
                } catch (RaftException e) {
                    return f.complete(e.getMessage()) || true;
                }
            });
        });
        return f;
    }

    public CompletableFuture<String> removeMember(String oldId) {
        var f = new CompletableFuture<String>();
        submit(() -> {
            RaftNode r = replica.raft();
            long index;
            try {
                if (!r.membership().contains(oldId)) {
                    f.complete(oldId + " is not a member");
                    return;
                }
                index = r.proposeMembership(r.membership().without(oldId));
            } catch (RaftException e) {
                f.complete(e.getMessage());
                return;
            }
            log.accept("proposed removing " + oldId + " at index " + index);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            watchers.add(() -> {
                // A removed leader steps down once the change commits; by then the change is durable on a quorum.
                if (r.commitIndex() >= index || (oldId.equals(cfg.id()) && r.role() != Role.LEADER)) {
                    return f.complete(null) || true;
                }
                if (System.nanoTime() > deadline) return f.complete("removal of " + oldId + " not committed in 10 s") || true;
                return false;
            });
        });
        return f;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(loop); // interrupting it could close the WAL channel mid-write
        try {
            loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.close();
        core.lock(); // waits out a thread still serving; none starts again once running is false
        try {
            replica.failAll("server shutting down");
            wal.close();
        } finally {
            core.unlock();
        }
    }
}
