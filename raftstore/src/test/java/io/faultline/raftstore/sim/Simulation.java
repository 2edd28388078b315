package io.faultline.raftstore.sim;

import io.faultline.raftstore.kv.Command;
import io.faultline.raftstore.kv.KvStore;
import io.faultline.raftstore.kv.MicroOp;
import io.faultline.raftstore.kv.Result;
import io.faultline.raftstore.node.FaultMode;
import io.faultline.raftstore.node.Outcome;
import io.faultline.raftstore.node.Replica;
import io.faultline.raftstore.raft.Entry;
import io.faultline.raftstore.raft.HardState;
import io.faultline.raftstore.raft.Membership;
import io.faultline.raftstore.raft.Message;
import io.faultline.raftstore.raft.RaftConfig;
import io.faultline.raftstore.raft.RaftNode;
import io.faultline.raftstore.raft.Ready;
import io.faultline.raftstore.raft.Role;
import io.faultline.raftstore.raft.Snapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A deterministic simulation of a raftstore cluster: virtual time, one seeded random source,
 * a network that drops, duplicates, delays and reorders messages and partitions nodes, and
 * crashes that restart a node from what it persisted. Runs the real {@link Replica} (Raft core,
 * state machine, fault modes). Safety invariants are checked after every step; the client
 * history is checked at the end.
 */
final class Simulation {
    record Options(long seed, int nodes, Set<FaultMode> faults, long durationMs, int clients, double drop,
                   double duplicate, boolean partitions, boolean crashes, int snapshotThreshold) {
        static Options standard(long seed, Set<FaultMode> faults) {
            var r = new Random(seed);
            return new Options(seed, r.nextBoolean() ? 3 : 5, faults, 2_000, 4, 0.02, 0.02, true, true,
                    r.nextBoolean() ? 30 : 200);
        }
    }

    /** What went wrong, or null: an invariant broken during the run, or a history check failing. */
    record Outcome2(String violation, String check, List<SimOp> history, long steps, int leaders, int snapshotsInstalled) { }

    private record Event(long time, long seq, Runnable action) { }

    private static final int TICK_MS = 10;

    private final Options opt;
    private final Random rnd;
    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) ->
            a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
    private long seq;
    private long now;
    private final Map<String, SimNode> nodes = new LinkedHashMap<>();
    private final Membership initial;
    private final Set<String> blocked = new HashSet<>(); // "a>b"
    private final List<SimOp> history = new ArrayList<>();
    private String violation;
    private int snapshotsInstalled;
    private long steps;

    // invariant state
    private final Map<Long, String> leaderOfTerm = new HashMap<>();
    private final TreeMap<Long, long[]> committed = new TreeMap<>(); // index -> {term, term when observed}
    private final Map<Long, Entry> applied = new HashMap<>();

    Simulation(Options opt) {
        this.opt = opt;
        this.rnd = new Random(opt.seed());
        var m = new TreeMap<String, String>();
        for (int i = 1; i <= opt.nodes(); i++) m.put("n" + i, "sim");
        this.initial = new Membership(m);
        for (String id : m.keySet()) nodes.put(id, new SimNode(id));
    }

    // ---- storage: what survives a crash ----

    private static final class Disk {
        HardState hs = HardState.EMPTY;
        Snapshot snap;
        ArrayList<Entry> log = new ArrayList<>();

        Disk copy() {
            Disk d = new Disk();
            d.hs = hs;
            d.snap = snap;
            d.log = new ArrayList<>(log);
            return d;
        }

        long base() {
            return snap == null ? 0 : snap.index();
        }

        void write(Ready rd) {
            if (rd.snapshot() != null) {
                snap = rd.snapshot();
                log.clear();
            }
            for (Entry e : rd.entries()) {
                int pos = (int) (e.index() - base() - 1);
                if (pos < 0) continue;
                if (pos < log.size()) log.subList(pos, log.size()).clear();
                if (pos != log.size()) throw new IllegalStateException("gap in persisted log at " + e.index());
                log.add(e);
            }
            if (rd.hardState() != null) hs = rd.hardState();
        }

        void compact(Snapshot s) {
            int drop = (int) Math.min(log.size(), s.index() - base());
            if (drop < 0) return;
            log.subList(0, drop).clear();
            snap = s;
        }
    }

    private final class SimNode {
        final String id;
        Disk written = new Disk();
        /** Under no-fsync, what a crash leaves: the state at the last background flush. */
        Disk durable;
        Replica replica;
        boolean up;
        /** A paused process (GC, SIGSTOP): nothing runs; input waits in its socket buffers. */
        boolean paused;
        final List<Runnable> pendingClient = new ArrayList<>();
        final List<Message> pendingPeer = new ArrayList<>();
        Role lastRole = Role.FOLLOWER;
        long seenCommit;
        int incarnation;

        SimNode(String id) {
            this.id = id;
        }

        void start() {
            up = true;
            incarnation++;
            var cfg = new RaftConfig(id, 10, 2, true, true, 8, 2048,
                    !opt.faults().contains(FaultMode.NO_ELECTION_RESTRICTION),
                    opt.faults().contains(FaultMode.LEASE_TOO_LONG) ? 40 : 8, opt.seed() * 31 + incarnation);
            var raft = new RaftNode(cfg, initial, written.hs, written.snap, List.copyOf(written.log));
            replica = new Replica(raft, new KvStore(!opt.faults().contains(FaultMode.NO_DEDUPE), 60_000),
                    opt.faults(), false, opt.snapshotThreshold(), () -> now);
            lastRole = Role.FOLLOWER;
            seenCommit = raft.commitIndex();
            if (opt.faults().contains(FaultMode.NO_FSYNC)) durable = written.copy();
            scheduleTick(incarnation, rnd.nextInt(TICK_MS) + 1);
        }

        void scheduleTick(int inc, long delay) {
            at(now + delay, () -> {
                if (!up || incarnation != inc) return;
                if (paused) {
                    scheduleTick(inc, TICK_MS);
                    return;
                }
                replica.raft().tick();
                drive(this);
                scheduleTick(inc, TICK_MS);
            });
        }

        void crash() {
            up = false;
            paused = false;
            pendingClient.clear();
            pendingPeer.clear();
            replica = null;
            if (durable != null) written = durable.copy();
        }
    }

    // ---- driver ----

    private void at(long time, Runnable r) {
        events.add(new Event(time, seq++, r));
    }

    Outcome2 run() {
        for (SimNode n : nodes.values()) n.start();
        for (int c = 0; c < opt.clients(); c++) startClient(c);
        if (opt.partitions()) at(100 + rnd.nextInt(300), this::changePartition);
        if (opt.crashes()) at(200 + rnd.nextInt(300), this::crashSomeone);
        if (opt.faults().contains(FaultMode.NO_FSYNC)) at(50, this::backgroundFlush);
        at(300 + rnd.nextInt(500), this::transferLeadership);
        if (opt.crashes()) at(200 + rnd.nextInt(600), this::pauseSomeone);
        long end = opt.durationMs();
        while (!events.isEmpty() && violation == null) {
            Event e = events.poll();
            if (e.time > end + 1_000) break; // grace period: let in-flight ops complete
            now = e.time;
            if (now > end) stopping = true;
            e.action.run();
            steps++;
        }
        if (Boolean.getBoolean("sim.verbose")) {
            for (SimNode n : nodes.values()) {
                System.out.println(n.id + (n.up ? " up " + n.replica.raft().role() + " term=" + n.replica.raft().term()
                        + " leader=" + n.replica.raft().leader() + " commit=" + n.replica.raft().commitIndex() + " last="
                        + n.replica.raft().lastIndex() + " members=" + n.replica.raft().membership().members().keySet() : " down"));
            }
            System.out.println("blocked=" + blocked + " options=" + opt);
        }
        String check = null;
        if (violation == null) {
            check = SimChecks.linearizable(history);
            if (check == null) check = SimChecks.appends(history);
        }
        return new Outcome2(violation, check, history, steps, leaderOfTerm.size(), snapshotsInstalled);
    }

    private boolean stopping;

    private void drive(SimNode n) {
        while (n.up && n.replica.hasReady()) {
            Ready rd = n.replica.ready();
            for (Message m : rd.messages()) if (rd.sendableBeforePersist(m)) send(m);
            if (opt.crashes() && !stopping && rd.mustWrite() && rnd.nextInt(500) == 0) {
                crashAndRestartLater(n); // died after sending, before its own write reached the disk
                return;
            }
            n.written.write(rd);
            n.replica.persisted(rd);
            for (Message m : rd.messages()) if (!rd.sendableBeforePersist(m)) send(m);
            checkApplied(n, rd);
            n.replica.applyAndAdvance(rd);
            for (Snapshot s; (s = n.replica.pollSnapshotToPersist()) != null; ) n.written.compact(s);
            checkInvariants(n);
            if (violation != null) return;
        }
    }

    private void send(Message m) {
        if (blocked.contains(m.from() + ">" + m.to())) return;
        if (rnd.nextDouble() < opt.drop()) return;
        int copies = rnd.nextDouble() < opt.duplicate() ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            long delay = 1 + rnd.nextInt(4) + (rnd.nextDouble() < 0.05 ? rnd.nextInt(60) : 0);
            at(now + delay, () -> {
                SimNode to = nodes.get(m.to());
                if (to == null || !to.up || blocked.contains(m.from() + ">" + m.to())) return;
                if (to.paused) {
                    to.pendingPeer.add(m);
                    return;
                }
                if (m instanceof Message.InstallSnapshot) snapshotsInstalled++;
                to.replica.raft().step(m);
                drive(to);
            });
        }
    }

    private void changePartition() {
        if (stopping) {
            blocked.clear();
            return;
        }
        blocked.clear();
        var ids = new ArrayList<>(nodes.keySet());
        int kind = rnd.nextInt(4);
        if (kind == 1) { // isolate one node, often the leader: the schedule that exposes stale leaders
            String x = ids.get(rnd.nextInt(ids.size()));
            if (rnd.nextBoolean()) {
                for (SimNode n : nodes.values()) if (n.up && n.replica.raft().role() == Role.LEADER) x = n.id;
            }
            for (String o : ids) {
                if (o.equals(x)) continue;
                blocked.add(x + ">" + o);
                blocked.add(o + ">" + x);
            }
        } else if (kind == 2) { // split in two
            java.util.Collections.shuffle(ids, rnd);
            int cut = 1 + rnd.nextInt(ids.size() - 1);
            for (int i = 0; i < cut; i++) {
                for (int j = cut; j < ids.size(); j++) {
                    blocked.add(ids.get(i) + ">" + ids.get(j));
                    blocked.add(ids.get(j) + ">" + ids.get(i));
                }
            }
        } else if (kind == 3) { // one-way loss: a leader that can send but not hear
            String x = ids.get(rnd.nextInt(ids.size()));
            for (String o : ids) if (!o.equals(x)) blocked.add(o + ">" + x);
        }
        if (Boolean.getBoolean("sim.verbose")) System.out.println("t=" + now + " partition " + blocked);
        at(now + 150 + rnd.nextInt(500), this::changePartition);
    }

    private void crashSomeone() {
        if (stopping) return;
        var up = new ArrayList<SimNode>();
        for (SimNode n : nodes.values()) if (n.up) up.add(n);
        boolean preferLeader = rnd.nextBoolean();
        SimNode victim = null;
        if (preferLeader) for (SimNode n : up) if (n.replica.raft().role() == Role.LEADER) victim = n;
        if (victim == null && !up.isEmpty()) victim = up.get(rnd.nextInt(up.size()));
        if (victim != null) crashAndRestartLater(victim);
        at(now + 100 + rnd.nextInt(500), this::crashSomeone);
    }

    /** Leadership transfer under the same faults: TimeoutNow, forced votes, proposals refused meanwhile. */
    private void transferLeadership() {
        if (stopping) return;
        for (SimNode n : nodes.values()) {
            if (!n.up || n.replica.raft().role() != Role.LEADER) continue;
            var ids = new ArrayList<>(n.replica.raft().membership().members().keySet());
            ids.remove(n.id);
            if (ids.isEmpty()) break;
            String to = ids.get(rnd.nextInt(ids.size()));
            if (Boolean.getBoolean("sim.verbose")) System.out.println("t=" + now + " transfer " + n.id + " -> " + to);
            n.replica.raft().transferLeadership(to);
            drive(n);
            break;
        }
        at(now + 200 + rnd.nextInt(800), this::transferLeadership);
    }

    /**
     * Pauses a node, often the leader. On resume it first serves the client requests that
     * queued up, then the peer messages (they arrive on different connections, so a real node
     * may take them in this order too), then ticks again.
     */
    private void pauseSomeone() {
        if (stopping) return;
        var up = new ArrayList<SimNode>();
        for (SimNode n : nodes.values()) if (n.up && !n.paused) up.add(n);
        SimNode victim = up.isEmpty() ? null : up.get(rnd.nextInt(up.size()));
        if (rnd.nextBoolean()) for (SimNode n : up) if (n.replica.raft().role() == Role.LEADER) victim = n;
        if (victim != null) {
            SimNode v = victim;
            int inc = v.incarnation;
            v.paused = true;
            if (Boolean.getBoolean("sim.verbose")) System.out.println("t=" + now + " pause " + v.id);
            at(now + 100 + rnd.nextInt(400), () -> {
                if (!v.up || v.incarnation != inc || !v.paused) return;
                v.paused = false;
                for (Runnable r : v.pendingClient) r.run();
                v.pendingClient.clear();
                drive(v);
                var msgs = new ArrayList<>(v.pendingPeer);
                v.pendingPeer.clear();
                for (Message m : msgs) {
                    if (!v.up) return;
                    v.replica.raft().step(m);
                    drive(v);
                }
            });
        }
        at(now + 300 + rnd.nextInt(600), this::pauseSomeone);
    }

    private void crashAndRestartLater(SimNode v) {
        if (Boolean.getBoolean("sim.verbose")) System.out.println("t=" + now + " crash " + v.id);
        v.crash();
        at(now + 20 + rnd.nextInt(400), () -> {
            v.start();
            drive(v);
        });
    }

    private void backgroundFlush() {
        for (SimNode n : nodes.values()) if (n.up && rnd.nextInt(3) == 0) n.durable = n.written.copy();
        if (!stopping) at(now + 50, this::backgroundFlush);
    }

    // ---- invariants ----

    private void fail(String what) {
        if (violation == null) violation = "t=" + now + "ms: " + what;
    }

    private void checkApplied(SimNode n, Ready rd) {
        for (Entry e : rd.committed()) {
            Entry prev = applied.putIfAbsent(e.index(), e);
            if (prev != null && (prev.term() != e.term() || !java.util.Arrays.equals(prev.data(), e.data()))) {
                fail("state machine safety: " + n.id + " applied (term " + e.term() + ") at index " + e.index()
                        + " but another node applied (term " + prev.term() + ")");
            }
        }
    }

    private void checkInvariants(SimNode n) {
        RaftNode r = n.replica.raft();
        // Election safety: at most one leader per term.
        if (r.role() == Role.LEADER) {
            String prev = leaderOfTerm.putIfAbsent(r.term(), n.id);
            if (prev != null && !prev.equals(n.id)) fail("election safety: " + prev + " and " + n.id + " both led term " + r.term());
        }
        // Committed entries never change.
        for (long i = Math.max(n.seenCommit + 1, r.firstIndex()); i <= r.commitIndex(); i++) {
            long t = r.termAt(i);
            long[] c = committed.get(i);
            if (c == null) {
                committed.put(i, new long[] {t, r.term()});
            } else if (c[0] != t) {
                fail("committed entry changed: index " + i + " committed with term " + c[0] + ", " + n.id
                        + " now commits term " + t);
            }
        }
        n.seenCommit = Math.max(n.seenCommit, r.commitIndex());
        // Leader completeness, checked when a node becomes leader: it holds every entry
        // committed in an earlier term.
        if (r.role() == Role.LEADER && n.lastRole != Role.LEADER) {
            for (var e : committed.entrySet()) {
                long i = e.getKey();
                if (e.getValue()[1] >= r.term() || i < r.firstIndex()) continue;
                if (r.termAt(i) != e.getValue()[0]) {
                    fail("leader completeness: " + n.id + " became leader of term " + r.term() + " without committed entry "
                            + i + " (term " + e.getValue()[0] + "); it has term " + r.termAt(i));
                    break;
                }
            }
        }
        n.lastRole = r.role();
        // Log matching against every other live node.
        for (SimNode o : nodes.values()) {
            if (o == n || !o.up) continue;
            RaftNode q = o.replica.raft();
            long lo = Math.max(r.firstIndex(), q.firstIndex());
            long hi = Math.min(r.lastIndex(), q.lastIndex());
            long i = hi;
            while (i >= lo && r.termAt(i) != q.termAt(i)) i--;
            for (long j = i; j >= lo; j--) {
                if (r.termAt(j) != q.termAt(j) || !java.util.Arrays.equals(r.entryAt(j).data(), q.entryAt(j).data())) {
                    fail("log matching: " + n.id + " and " + o.id + " agree at index " + i + " but differ at " + j);
                    return;
                }
            }
        }
    }

    // ---- clients ----

    private final class Client {
        final int slot;
        int process;
        final String clientId;
        long seqNo;
        String target;
        final List<String> seenValues = new ArrayList<>();

        Client(int slot) {
            this.slot = slot;
            this.process = slot;
            this.clientId = "c" + slot;
        }
    }

    private int nextProcess;
    private int valueCounter;

    private void startClient(int slot) {
        if (slot >= nextProcess) nextProcess = slot + 1;
        Client c = new Client(slot);
        c.target = "n" + (1 + rnd.nextInt(opt.nodes()));
        at(rnd.nextInt(50), () -> nextOp(c));
    }

    private void nextOp(Client c) {
        if (stopping) return;
        String key = "k" + rnd.nextInt(3);
        double p = rnd.nextDouble();
        String f;
        Object arg = null;
        Command cmd = null;
        if (p < 0.3) {
            f = "put";
            arg = "v" + (++valueCounter);
            cmd = new Command.Put(key, (String) arg);
        } else if (p < 0.6) {
            f = "get";
        } else if (p < 0.75) {
            f = "cas";
            String exp = c.seenValues.isEmpty() || rnd.nextInt(5) == 0 ? null : c.seenValues.get(rnd.nextInt(c.seenValues.size()));
            String nv = "v" + (++valueCounter);
            arg = new String[] {exp, nv};
            cmd = new Command.Cas(key, exp, nv);
        } else if (p < 0.85) {
            f = "append";
            key = "L";
            arg = "a" + (++valueCounter);
            cmd = new Command.Txn(List.of(new MicroOp("append", key, arg)));
        } else if (p < 0.9) { // read-then-append in one txn: its atomicity is checkable
            f = "rappend";
            key = "L";
            arg = "a" + (++valueCounter);
            cmd = new Command.Txn(List.of(new MicroOp("r", key, null), new MicroOp("append", key, arg)));
        } else {
            f = "readlist";
            key = "L";
            cmd = new Command.Txn(List.of(new MicroOp("r", key, null)));
        }
        if (rnd.nextInt(4) == 0) c.target = "n" + (1 + rnd.nextInt(opt.nodes())); // clients wander, as behind a load balancer
        long session = ++c.seqNo;
        attempt(c, f, key, arg, cmd, session, now, 0, false);
    }

    /** One attempt of an op; retries with the same session after a timeout (what no-dedupe breaks). */
    private void attempt(Client c, String f, String key, Object arg, Command cmd, long session, long start, int tries,
                         boolean uncertain) {
        String target = c.target;
        boolean[] finished = {false};
        java.util.function.Consumer<Outcome> onReply = o -> at(now + 1 + rnd.nextInt(3), () -> {
            if (finished[0]) return;
            finished[0] = true;
            handle(c, f, key, arg, cmd, session, start, tries, uncertain, o);
        });
        at(now + 1 + rnd.nextInt(3), () -> {
            SimNode n = nodes.get(target);
            if (n == null || !n.up) return; // lost; the timeout decides
            Runnable deliver = () -> {
                if (f.equals("get")) n.replica.read(key, false, onReply);
                else n.replica.submit(c.clientId, session, cmd, onReply);
            };
            if (n.paused) {
                n.pendingClient.add(deliver);
                return;
            }
            deliver.run();
            drive(n);
        });
        at(now + 300, () -> {
            if (finished[0]) return;
            finished[0] = true;
            handle(c, f, key, arg, cmd, session, start, tries, true, new Outcome.Unknown("timeout"));
        });
    }

    private void handle(Client c, String f, String key, Object arg, Command cmd, long session, long start, int tries,
                        boolean uncertain, Outcome o) {
        if (Boolean.getBoolean("sim.verbose")) System.out.println("t=" + now + " " + c.clientId + " " + f + " -> " + c.target + ": " + o);
        switch (o) {
            case Outcome.Ok ok -> {
                Object result = null;
                Object read = null;
                Result r = ok.result();
                if (r instanceof Result.Read rd) result = rd.value();
                if (r instanceof Result.Cas cas) {
                    result = cas.succeeded();
                    read = cas.value();
                }
                if (r instanceof Result.Txn t) {
                    if (f.equals("readlist") || f.equals("rappend")) result = t.ops().get(0).value();
                }
                if (r instanceof Result.StaleSession) {
                    finish(c, f, key, arg, start, "info", null, null);
                    return;
                }
                if (result instanceof String s) c.seenValues.add(s);
                if (arg instanceof String s && f.equals("put")) c.seenValues.add(s);
                finish(c, f, key, arg, start, "ok", result, read);
            }
            case Outcome.NotLeader nl -> {
                c.target = nl.leader() != null ? nl.leader() : "n" + (1 + rnd.nextInt(opt.nodes()));
                retryOrGiveUp(c, f, key, arg, cmd, session, start, tries, uncertain);
            }
            case Outcome.Failed fl -> retryOrGiveUp(c, f, key, arg, cmd, session, start, tries, uncertain);
            case Outcome.Unknown u -> {
                c.target = "n" + (1 + rnd.nextInt(opt.nodes()));
                retryOrGiveUp(c, f, key, arg, cmd, session, start, tries, true);
            }
        }
    }

    private void retryOrGiveUp(Client c, String f, String key, Object arg, Command cmd, long session, long start,
                               int tries, boolean uncertain) {
        if (tries < 3 && !stopping) {
            at(now + 10 + rnd.nextInt(30), () -> attempt(c, f, key, arg, cmd, session, start, tries + 1, uncertain));
            return;
        }
        finish(c, f, key, arg, start, uncertain && !f.equals("get") && !f.equals("readlist") ? "info" : "fail", null, null);
    }

    private void finish(Client c, String f, String key, Object arg, long start, String outcome, Object result, Object read) {
        history.add(new SimOp(c.process, f, key, arg, start, outcome.equals("info") ? Long.MAX_VALUE : now, outcome,
                result, read));
        if (outcome.equals("info")) c.process = nextProcess++; // an indeterminate process never invokes again
        at(now + 1 + rnd.nextInt(20), () -> nextOp(c)); // a process invokes strictly after its last completion
    }
}
