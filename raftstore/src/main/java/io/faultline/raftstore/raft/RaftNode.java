package io.faultline.raftstore.raft;

import io.faultline.raftstore.raft.Message.Append;
import io.faultline.raftstore.raft.Message.AppendResponse;
import io.faultline.raftstore.raft.Message.Heartbeat;
import io.faultline.raftstore.raft.Message.HeartbeatResponse;
import io.faultline.raftstore.raft.Message.InstallSnapshot;
import io.faultline.raftstore.raft.Message.TimeoutNow;
import io.faultline.raftstore.raft.Message.VoteRequest;
import io.faultline.raftstore.raft.Message.VoteResponse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The deterministic Raft consensus core (Ongaro's thesis; the shape of etcd's raft package).
 * It does no I/O and reads no clock: inputs are {@link #tick()}, {@link #step(Message)},
 * proposals and read requests; outputs are collected into a {@link Ready}. Not thread-safe:
 * one loop owns it.
 */
public final class RaftNode {
    private record PendingRead(long ctx, long index, long seq) { }

    private final RaftConfig cfg;
    private final String id;
    private final Random rng;
    private final RaftLog log;

    private long term;
    private String vote;
    private Role role = Role.FOLLOWER;
    private String leader;
    private Membership membership;
    private long lastConfIndex;

    private final Map<String, Progress> progress = new TreeMap<>();
    private final Map<String, Boolean> votes = new HashMap<>();
    /** Servers being caught up before they are added as voters (thesis 4.2.1). */
    private final Map<String, Progress> learners = new TreeMap<>();
    private final Map<String, Long> snapshotSentTick = new HashMap<>();
    private long pendingConfIndex;
    private String leadTransferee;

    private int electionElapsed;
    private int heartbeatElapsed;
    private int randomizedTimeout;
    private long tickCount;

    private long readSeq;
    private boolean readHeartbeatPending;
    private final ArrayDeque<PendingRead> pendingReads = new ArrayDeque<>();
    private final ArrayList<Long> readsAwaitingTermCommit = new ArrayList<>();

    private ArrayList<Message> msgs = new ArrayList<>();
    private ArrayList<ReadState> readStates = new ArrayList<>();
    private Snapshot pendingSnapshot;
    private HardState prevHardState;

    /**
     * @param bootstrap used only when nothing was persisted: the initial members. An empty
     *                  membership means "joining": wait for a leader to send the configuration.
     */
    public RaftNode(RaftConfig cfg, Membership bootstrap, HardState hs, Snapshot snapshot, List<Entry> entries) {
        this.cfg = cfg;
        this.id = cfg.id();
        this.rng = new Random(cfg.seed() ^ id.hashCode() * 0x9E3779B97F4A7C15L);
        boolean fresh = snapshot == null && entries.isEmpty() && hs.term() == 0;
        if (snapshot == null) snapshot = new Snapshot(0, 0, new Membership(Map.of()), new byte[0]);
        List<Entry> initial = entries;
        if (fresh && !bootstrap.members().isEmpty()) {
            // Every initial member writes the same configuration entry at (term 1, index 1), as
            // etcd does, so that servers added later learn the initial members from the log.
            initial = List.of(new Entry(1, 1, Entry.Type.CONF, bootstrap.encode()));
            hs = new HardState(1, null, 1);
        }
        this.log = new RaftLog(snapshot, initial, hs.commit());
        if (fresh) log.unstableFrom(1);
        this.term = hs.term();
        this.vote = hs.vote();
        this.prevHardState = fresh ? HardState.EMPTY : hs;
        recomputeMembership();
        becomeFollower(term, null);
    }

    // ---- inputs ----

    public void tick() {
        tickCount++;
        if (role == Role.LEADER) {
            heartbeatElapsed++;
            electionElapsed++;
            // A leader trusts its lease until it runs out, so with a lease longer than the election
            // timeout (the lease-too-long fault) it keeps serving after others may have elected a successor.
            if (electionElapsed >= Math.max(cfg.electionTicks(), cfg.leaseTicks())) {
                electionElapsed = 0;
                if (cfg.checkQuorum() && !quorumActive()) {
                    becomeFollower(term, null);
                    return;
                }
                for (Progress p : progress.values()) p.recentActive = false;
                leadTransferee = null;
            }
            if (heartbeatElapsed >= cfg.heartbeatTicks()) {
                heartbeatElapsed = 0;
                // While reads wait, regular heartbeats repeat their round, so a lost response
                // delays a read by one heartbeat instead of until the next read arrives.
                bcastHeartbeat(pendingReads.isEmpty() ? 0 : readSeq);
            }
        } else {
            electionElapsed++;
            if (membership.contains(id) && electionElapsed >= randomizedTimeout) {
                electionElapsed = 0;
                campaign(cfg.preVote(), false);
            }
        }
    }

    public void step(Message m) {
        if (m.term() > term) {
            if (m instanceof VoteRequest v) {
                boolean inLease = cfg.checkQuorum() && leader != null && electionElapsed < cfg.electionTicks();
                if (!v.transfer() && inLease) return; // a live leader exists: ignore disruptive servers
                if (!v.preVote()) becomeFollower(m.term(), null);
            } else if (m instanceof VoteResponse vr && vr.preVote()) {
                if (!vr.granted()) becomeFollower(m.term(), null);
            } else if (m instanceof Append || m instanceof Heartbeat || m instanceof InstallSnapshot) {
                becomeFollower(m.term(), m.from());
            } else {
                becomeFollower(m.term(), null);
            }
        } else if (m.term() < term) {
            if (m instanceof Append || m instanceof Heartbeat) {
                // Tells a stale leader (cut off, then healed) about the newer term so it steps down.
                send(new AppendResponse(id, m.from(), term, false, 0, -1, 0));
            } else if (m instanceof VoteRequest v && v.preVote()) {
                send(new VoteResponse(id, m.from(), term, false, true));
            }
            return;
        }

        switch (m) {
            case VoteRequest v -> handleVoteRequest(v);
            case VoteResponse v -> handleVoteResponse(v);
            case Append a -> {
                if (role == Role.LEADER) return;
                if (role != Role.FOLLOWER) becomeFollower(term, a.from());
                handleAppend(a);
            }
            case Heartbeat h -> {
                if (role == Role.LEADER) return;
                if (role != Role.FOLLOWER) becomeFollower(term, h.from());
                electionElapsed = 0;
                leader = h.from();
                commitTo(Math.min(h.commit(), log.lastIndex()));
                send(new HeartbeatResponse(id, h.from(), term, h.readSeq()));
            }
            case InstallSnapshot s -> {
                if (role == Role.LEADER) return;
                if (role != Role.FOLLOWER) becomeFollower(term, s.from());
                handleSnapshot(s);
            }
            case AppendResponse r -> {
                if (role == Role.LEADER) handleAppendResponse(r);
            }
            case HeartbeatResponse r -> {
                if (role == Role.LEADER) handleHeartbeatResponse(r);
            }
            case TimeoutNow t -> {
                if (role != Role.LEADER && membership.contains(id)) campaign(false, true);
            }
        }
    }

    /**
     * Appends commands as one batch. Returns the index of the last one.
     *
     * @throws RaftException NOT_LEADER, or BUSY during a leadership transfer
     */
    public long propose(List<byte[]> commands) {
        checkAcceptsProposals();
        for (byte[] c : commands) {
            log.append(new Entry(term, log.lastIndex() + 1, Entry.Type.NORMAL, c));
        }
        afterLeaderAppend();
        return log.lastIndex();
    }

    /** Single-server membership change; at most one uncommitted at a time. Returns its index. */
    public long proposeMembership(Membership next) {
        checkAcceptsProposals();
        if (log.committed < pendingConfIndex) {
            throw new RaftException(RaftException.Kind.BUSY, "a membership change is still in progress (index "
                    + pendingConfIndex + " not committed)");
        }
        int added = 0;
        int removed = 0;
        for (String m : next.members().keySet()) if (!membership.contains(m)) added++;
        for (String m : membership.members().keySet()) if (!next.contains(m)) removed++;
        if (added + removed != 1) {
            throw new RaftException(RaftException.Kind.INVALID, "a membership change must add or remove exactly one server");
        }
        if (next.members().isEmpty()) throw new RaftException(RaftException.Kind.INVALID, "cannot remove the last member");
        log.append(new Entry(term, log.lastIndex() + 1, Entry.Type.CONF, next.encode()));
        pendingConfIndex = log.lastIndex();
        applyMembership(next, log.lastIndex());
        afterLeaderAppend();
        return log.lastIndex();
    }

    /** Starts replicating to a server that is not yet a voter. */
    public void startCatchUp(String peer) {
        if (role != Role.LEADER) throw new RaftException(RaftException.Kind.NOT_LEADER, "not the leader");
        if (membership.contains(peer) || learners.containsKey(peer)) return;
        Progress p = new Progress(log.lastIndex() + 1);
        learners.put(peer, p);
        sendAppend(peer, p, true);
    }

    public void stopCatchUp(String peer) {
        learners.remove(peer);
    }

    /** How far a catching-up server has replicated, or -1 when unknown. */
    public long catchUpMatch(String peer) {
        Progress p = learners.get(peer);
        return p == null ? -1 : p.match;
    }

    /**
     * Asks for a linearizable read point (ReadIndex). The answer arrives as a {@link ReadState}
     * with the same ctx once a quorum confirmed this leader is still the leader.
     */
    public void readIndex(long ctx) {
        if (role != Role.LEADER) throw new RaftException(RaftException.Kind.NOT_LEADER, "not the leader");
        if (!committedInCurrentTerm()) {
            readsAwaitingTermCommit.add(ctx);
            return;
        }
        if (isSoleVoter()) {
            readStates.add(new ReadState(ctx, log.committed));
            return;
        }
        if (!readHeartbeatPending) {
            readSeq++;
            readHeartbeatPending = true;
        }
        pendingReads.add(new PendingRead(ctx, log.committed, readSeq));
    }

    /** Lease read (thesis 6.4.1): served without a round trip while a quorum was heard recently. */
    public void leaseRead(long ctx) {
        if (role == Role.LEADER && cfg.checkQuorum() && leadTransferee == null && committedInCurrentTerm()
                && leaseValid()) {
            readStates.add(new ReadState(ctx, log.committed));
            return;
        }
        readIndex(ctx);
    }

    public void transferLeadership(String to) {
        if (role != Role.LEADER) throw new RaftException(RaftException.Kind.NOT_LEADER, "not the leader");
        if (to.equals(id)) return;
        Progress p = progress.get(to);
        if (p == null) throw new RaftException(RaftException.Kind.INVALID, to + " is not a member");
        leadTransferee = to;
        electionElapsed = 0;
        if (p.match == log.lastIndex()) {
            send(new TimeoutNow(id, to, term));
        } else {
            sendAppend(to, p, true);
        }
    }

    /** The state machine captured everything up to {@code index} in {@code data}: drop that log prefix. */
    public void compact(long index, byte[] data) {
        if (index > log.applied) throw new IllegalArgumentException("snapshot index " + index + " > applied " + log.applied);
        if (index <= log.snapshot().index()) return;
        log.compact(new Snapshot(index, log.term(index), membershipAt(index), data));
    }

    // ---- outputs ----

    public boolean hasReady() {
        return !msgs.isEmpty() || !readStates.isEmpty() || pendingSnapshot != null || readHeartbeatPending
                || log.committed > log.applied || log.stableIndex() < log.lastIndex() || !hardState().equals(prevHardState);
    }

    public Ready ready() {
        if (readHeartbeatPending) {
            readHeartbeatPending = false;
            bcastHeartbeat(readSeq);
        }
        HardState hs = hardState();
        List<Entry> unstable = log.unstable();
        boolean sync = !unstable.isEmpty() || pendingSnapshot != null || hs.term() != prevHardState.term()
                || !java.util.Objects.equals(hs.vote(), prevHardState.vote());
        Ready rd = new Ready(hs.equals(prevHardState) ? null : hs, unstable, pendingSnapshot, log.toApply(),
                msgs, readStates, role, leader, term, sync);
        msgs = new ArrayList<>();
        readStates = new ArrayList<>();
        return rd;
    }

    public void advance(Ready rd) {
        if (rd.hardState() != null) prevHardState = rd.hardState();
        if (!rd.entries().isEmpty()) {
            Entry last = rd.entries().get(rd.entries().size() - 1);
            if (log.term(last.index()) == last.term()) log.stableTo(last.index());
            // The leader's own copy now counts toward the quorum.
            if (role == Role.LEADER && maybeCommit()) bcastAppend();
        }
        if (rd.snapshot() != null && pendingSnapshot == rd.snapshot()) pendingSnapshot = null;
        if (!rd.committed().isEmpty()) {
            log.applied = Math.max(log.applied, rd.committed().get(rd.committed().size() - 1).index());
        }
    }

    // ---- status ----

    public String id() { return id; }

    public Role role() { return role; }

    public long term() { return term; }

    public String leader() { return leader; }

    public long commitIndex() { return log.committed; }

    public long appliedIndex() { return log.applied; }

    public long lastIndex() { return log.lastIndex(); }

    public long lastTerm() { return log.lastTerm(); }

    public long firstIndex() { return log.firstIndex(); }

    public Membership membership() { return membership; }

    public HardState hardState() { return new HardState(term, vote, log.committed); }

    /** Term of the entry at index, or -1 when not held. For tests and invariant checks. */
    public long termAt(long index) { return log.term(index); }

    /** The entry at index; index must be within [firstIndex, lastIndex]. */
    public Entry entryAt(long index) { return log.entry(index); }

    public Snapshot snapshot() { return log.snapshot(); }

    public boolean transferring() { return leadTransferee != null; }

    // ---- elections ----

    private void campaign(boolean preVote, boolean transfer) {
        votes.clear();
        long voteTerm;
        if (preVote) {
            role = Role.PRECANDIDATE;
            leader = null;
            voteTerm = term + 1;
        } else {
            term++;
            vote = id;
            role = Role.CANDIDATE;
            leader = null;
            voteTerm = term;
        }
        resetTimers();
        votes.put(id, true);
        if (tally() == Tally.WON) {
            if (preVote) campaign(false, false); else becomeLeader();
            return;
        }
        for (String peer : membership.members().keySet()) {
            if (peer.equals(id)) continue;
            send(new VoteRequest(id, peer, voteTerm, log.lastIndex(), log.lastTerm(), preVote, transfer));
        }
    }

    private void handleVoteRequest(VoteRequest v) {
        boolean canVote = v.from().equals(vote) || (vote == null && leader == null) || (v.preVote() && v.term() > term);
        boolean upToDate = !cfg.electionRestriction() || log.isUpToDate(v.lastIndex(), v.lastTerm());
        if (canVote && upToDate) {
            send(new VoteResponse(id, v.from(), v.term(), true, v.preVote()));
            if (!v.preVote()) {
                electionElapsed = 0;
                vote = v.from();
            }
        } else {
            send(new VoteResponse(id, v.from(), term, false, v.preVote()));
        }
    }

    private enum Tally { WON, LOST, PENDING }

    private Tally tally() {
        int granted = 0;
        int rejected = 0;
        for (String m : membership.members().keySet()) {
            Boolean g = votes.get(m);
            if (g == null) continue;
            if (g) granted++; else rejected++;
        }
        int q = membership.quorum();
        if (granted >= q) return Tally.WON;
        if (rejected >= q || rejected > membership.members().size() - q) return Tally.LOST;
        return Tally.PENDING;
    }

    private void handleVoteResponse(VoteResponse v) {
        if (role == Role.PRECANDIDATE && v.preVote()) {
            votes.putIfAbsent(v.from(), v.granted());
            switch (tally()) {
                case WON -> campaign(false, false);
                case LOST -> becomeFollower(term, null);
                case PENDING -> { }
            }
        } else if (role == Role.CANDIDATE && !v.preVote() && v.term() == term) {
            votes.putIfAbsent(v.from(), v.granted());
            switch (tally()) {
                case WON -> becomeLeader();
                case LOST -> becomeFollower(term, null);
                case PENDING -> { }
            }
        }
    }

    private void becomeFollower(long newTerm, String newLeader) {
        if (newTerm > term) {
            term = newTerm;
            vote = null;
        }
        role = Role.FOLLOWER;
        leader = newLeader;
        progress.clear();
        learners.clear();
        leadTransferee = null;
        pendingReads.clear();
        readsAwaitingTermCommit.clear();
        readHeartbeatPending = false;
        resetTimers();
    }

    private void becomeLeader() {
        role = Role.LEADER;
        leader = id;
        leadTransferee = null;
        progress.clear();
        for (String m : membership.members().keySet()) {
            if (m.equals(id)) continue;
            Progress p = new Progress(log.lastIndex() + 1);
            p.lastHeardTick = Long.MIN_VALUE / 2;
            p.recentActive = true;
            progress.put(m, p);
        }
        resetTimers();
        // The no-op lets the leader commit entries of earlier terms (thesis 3.6.2) and learn its
        // commit index before serving reads; conf changes wait for it too.
        log.append(Entry.noop(term, log.lastIndex() + 1));
        pendingConfIndex = log.lastIndex();
        afterLeaderAppend();
    }

    private void resetTimers() {
        electionElapsed = 0;
        heartbeatElapsed = 0;
        randomizedTimeout = cfg.electionTicks() + rng.nextInt(cfg.electionTicks());
    }

    private boolean quorumActive() {
        int active = membership.contains(id) ? 1 : 0;
        for (var e : progress.entrySet()) {
            if (membership.contains(e.getKey()) && e.getValue().recentActive) active++;
        }
        return active >= membership.quorum();
    }

    private boolean leaseValid() {
        long[] heard = new long[membership.members().size()];
        int n = 0;
        for (String m : membership.members().keySet()) {
            if (m.equals(id)) {
                heard[n++] = tickCount;
            } else {
                Progress p = progress.get(m);
                heard[n++] = p == null ? Long.MIN_VALUE / 2 : p.lastHeardTick;
            }
        }
        Arrays.sort(heard);
        long quorumHeard = heard[n - membership.quorum()];
        return tickCount - quorumHeard < cfg.leaseTicks();
    }

    // ---- replication ----

    private void checkAcceptsProposals() {
        if (role != Role.LEADER) throw new RaftException(RaftException.Kind.NOT_LEADER, "not the leader");
        if (leadTransferee != null) {
            throw new RaftException(RaftException.Kind.BUSY, "leadership transfer to " + leadTransferee + " in progress");
        }
    }

    private void afterLeaderAppend() {
        maybeCommit();
        bcastAppend();
    }

    private void bcastAppend() {
        for (var e : progress.entrySet()) sendAppendAll(e.getKey(), e.getValue(), true);
        for (var e : learners.entrySet()) sendAppendAll(e.getKey(), e.getValue(), false);
    }

    private void sendAppendAll(String to, Progress p, boolean allowEmpty) {
        boolean sent = sendAppend(to, p, allowEmpty);
        while (sent && p.state == Progress.State.REPLICATE && p.next <= log.lastIndex()) {
            sent = sendAppend(to, p, false);
        }
    }

    /** Returns false when nothing was sent. */
    private boolean sendAppend(String to, Progress p, boolean allowEmpty) {
        if (p.paused(cfg.maxInflight())) return false;
        if (p.next < log.firstIndex()) {
            Snapshot s = log.snapshot();
            send(new InstallSnapshot(id, to, term, s));
            p.becomeSnapshot(s.index());
            snapshotSentTick.put(to, tickCount);
            return true;
        }
        long prev = p.next - 1;
        List<Entry> es = log.slice(p.next, log.lastIndex(), cfg.maxBatchBytes());
        if (es.isEmpty() && !allowEmpty) return false;
        send(new Append(id, to, term, prev, log.term(prev), es, log.committed));
        if (p.state == Progress.State.REPLICATE) {
            if (!es.isEmpty()) {
                long last = es.get(es.size() - 1).index();
                p.next = last + 1;
                p.inflight.add(last);
            }
        } else {
            p.probeSent = true;
        }
        return true;
    }

    private void bcastHeartbeat(long seq) {
        for (var e : progress.entrySet()) {
            Progress p = e.getValue();
            send(new Heartbeat(id, e.getKey(), term, Math.min(p.match, log.committed), seq == 0 ? -tickCount : seq));
        }
        // Servers being caught up get heartbeats too, so a lost probe is retried.
        for (var e : learners.entrySet()) {
            send(new Heartbeat(id, e.getKey(), term, Math.min(e.getValue().match, log.committed), -tickCount));
        }
    }

    private Progress peer(String from) {
        Progress p = progress.get(from);
        return p != null ? p : learners.get(from);
    }

    private void handleAppendResponse(AppendResponse r) {
        Progress p = peer(r.from());
        if (p == null) return;
        p.recentActive = true;
        if (!r.success()) {
            long rejected = r.index();
            if (p.state == Progress.State.REPLICATE && rejected <= p.match) return; // stale
            if (p.state == Progress.State.PROBE && rejected != p.next - 1) return; // stale
            if (p.state == Progress.State.SNAPSHOT) return;
            long next;
            if (r.conflictTerm() < 0) {
                next = r.conflictIndex();
            } else {
                long li = log.lastIndexOfTerm(r.conflictTerm());
                next = li > 0 ? li + 1 : r.conflictIndex();
            }
            next = Math.max(Math.min(next, rejected), p.match + 1);
            p.becomeProbe();
            p.next = next;
            sendAppend(r.from(), p, true);
            return;
        }
        // A follower never holds more of this leader's log than the leader itself has.
        boolean advanced = p.maybeUpdate(Math.min(r.index(), log.lastIndex()));
        if (advanced || p.state != Progress.State.REPLICATE) {
            switch (p.state) {
                case PROBE -> p.becomeReplicate();
                case SNAPSHOT -> {
                    if (p.match >= p.pendingSnapshot) p.becomeReplicate();
                }
                case REPLICATE -> { }
            }
        }
        if (advanced && maybeCommit()) {
            bcastAppend();
        } else {
            sendAppendAll(r.from(), p, false);
        }
        if (r.from().equals(leadTransferee) && p.match == log.lastIndex()) {
            send(new TimeoutNow(id, r.from(), term));
        }
    }

    private void handleHeartbeatResponse(HeartbeatResponse r) {
        Progress p = peer(r.from());
        if (p == null) return;
        p.recentActive = true;
        long seq = r.readSeq();
        if (seq <= 0) {
            // Plain heartbeats carry -(tick sent): a lease starts when the leader sent, not when it heard back.
            p.lastHeardTick = Math.max(p.lastHeardTick, -seq);
        } else {
            p.readAck = Math.max(p.readAck, seq);
        }
        if (p.state == Progress.State.PROBE) p.probeSent = false;
        if (p.state == Progress.State.SNAPSHOT
                && tickCount - snapshotSentTick.getOrDefault(r.from(), 0L) > cfg.electionTicks()) {
            p.becomeProbe(); // the snapshot was probably lost: start over
        }
        // In PROBE the follower's position is unknown: an empty append is the probe that finds it.
        if (p.match < log.lastIndex()) sendAppendAll(r.from(), p, p.state == Progress.State.PROBE);
        processReads();
    }

    private void processReads() {
        while (!pendingReads.isEmpty()) {
            PendingRead r = pendingReads.peekFirst();
            int acks = membership.contains(id) ? 1 : 0;
            for (var e : progress.entrySet()) {
                if (membership.contains(e.getKey()) && e.getValue().readAck >= r.seq()) acks++;
            }
            if (acks < membership.quorum()) return;
            pendingReads.pollFirst();
            readStates.add(new ReadState(r.ctx(), r.index()));
        }
    }

    private boolean isSoleVoter() {
        return membership.members().size() == 1 && membership.contains(id);
    }

    private boolean committedInCurrentTerm() {
        return log.term(log.committed) == term;
    }

    private boolean maybeCommit() {
        int n = membership.members().size();
        if (n == 0) return false;
        long[] matches = new long[n];
        int i = 0;
        for (String m : membership.members().keySet()) {
            if (m.equals(id)) {
                matches[i++] = log.stableIndex();
            } else {
                Progress p = progress.get(m);
                matches[i++] = p == null ? 0 : p.match;
            }
        }
        Arrays.sort(matches);
        long idx = matches[n - membership.quorum()];
        // Only entries of the current term are committed by counting (thesis 3.6.2).
        if (idx > log.committed && log.term(idx) == term) {
            commitTo(idx);
            return true;
        }
        return false;
    }

    private void commitTo(long idx) {
        if (idx <= log.committed) return;
        log.committed = idx;
        if (role != Role.LEADER) return;
        if (!readsAwaitingTermCommit.isEmpty() && committedInCurrentTerm()) {
            List<Long> waiting = List.copyOf(readsAwaitingTermCommit);
            readsAwaitingTermCommit.clear();
            for (long ctx : waiting) readIndex(ctx);
        }
        if (!membership.contains(id) && log.committed >= lastConfIndex) {
            // A leader removed from the configuration steps down once the removal is committed.
            becomeFollower(term, null);
        }
    }

    private void handleAppend(Append a) {
        electionElapsed = 0;
        leader = a.from();
        // With the election restriction a leader holds every committed entry, so an append below
        // the commit index is stale. Without it (a fault mode) the leader may lack committed
        // entries, and the follower takes its log as it comes, overwriting them.
        boolean overwriteCommitted = !cfg.electionRestriction() && a.prevIndex() >= log.snapshot().index();
        if (a.prevIndex() < log.committed && !overwriteCommitted) {
            send(new AppendResponse(id, a.from(), term, true, log.committed, 0, 0));
            return;
        }
        if (log.matchTerm(a.prevIndex(), a.prevTerm())) {
            long lastNew = a.prevIndex() + a.entries().size();
            log.appendFromLeader(a.prevIndex(), a.entries(), overwriteCommitted);
            boolean confTouched = lastConfIndex > a.prevIndex(); // a conf entry may have been truncated
            for (Entry e : a.entries()) if (e.type() == Entry.Type.CONF) confTouched = true;
            if (confTouched) recomputeMembership();
            commitTo(Math.min(a.commit(), lastNew));
            send(new AppendResponse(id, a.from(), term, true, lastNew, 0, 0));
        } else if (a.prevIndex() > log.lastIndex()) {
            send(new AppendResponse(id, a.from(), term, false, a.prevIndex(), -1, log.lastIndex() + 1));
        } else {
            long ct = log.term(a.prevIndex());
            send(new AppendResponse(id, a.from(), term, false, a.prevIndex(), ct, log.firstIndexOfTerm(a.prevIndex())));
        }
    }

    private void handleSnapshot(InstallSnapshot m) {
        electionElapsed = 0;
        leader = m.from();
        Snapshot s = m.snapshot();
        if (s.index() <= log.committed) {
            send(new AppendResponse(id, m.from(), term, true, log.committed, 0, 0));
            return;
        }
        if (log.matchTerm(s.index(), s.term())) {
            commitTo(s.index());
            send(new AppendResponse(id, m.from(), term, true, s.index(), 0, 0));
            return;
        }
        log.restore(s);
        pendingSnapshot = s;
        recomputeMembership();
        send(new AppendResponse(id, m.from(), term, true, s.index(), 0, 0));
    }

    // ---- membership ----

    private void recomputeMembership() {
        for (long i = log.lastIndex(); i >= log.firstIndex(); i--) {
            Entry e = log.entry(i);
            if (e.type() == Entry.Type.CONF) {
                setMembership(Membership.decode(e.data()), i);
                return;
            }
        }
        setMembership(log.snapshot().membership(), log.snapshot().index());
    }

    private Membership membershipAt(long index) {
        for (long i = Math.min(index, log.lastIndex()); i >= log.firstIndex(); i--) {
            Entry e = log.entry(i);
            if (e.type() == Entry.Type.CONF) return Membership.decode(e.data());
        }
        return log.snapshot().membership();
    }

    private void applyMembership(Membership m, long index) {
        setMembership(m, index);
    }

    private void setMembership(Membership m, long index) {
        membership = m;
        lastConfIndex = index;
        if (role != Role.LEADER) return;
        progress.keySet().removeIf(p -> !m.contains(p));
        for (String peer : m.members().keySet()) {
            if (peer.equals(id) || progress.containsKey(peer)) continue;
            Progress p = learners.remove(peer);
            if (p == null) p = new Progress(log.lastIndex());
            p.recentActive = true;
            p.lastHeardTick = Long.MIN_VALUE / 2;
            progress.put(peer, p);
        }
    }

    private void send(Message m) {
        msgs.add(m);
    }
}
