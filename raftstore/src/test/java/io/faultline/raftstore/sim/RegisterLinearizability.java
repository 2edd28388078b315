package io.faultline.raftstore.sim;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Wing-Gong-Lowe search for one key treated as a register with put, get and cas. Ops that ended
 * in info may take effect at any time after their invocation, or never, so they have no return
 * event and need not be linearized. Used by the simulation until the shared checker is wired in
 * ({@link SimChecks#linearizable}).
 */
final class RegisterLinearizability {
    private RegisterLinearizability() { }

    private static final class Node {
        final int op; // index into ops
        final boolean call;
        final long time;
        Node prev;
        Node next;
        Node match; // call -> its return (null for info ops)

        Node(int op, boolean call, long time) {
            this.op = op;
            this.call = call;
            this.time = time;
        }
    }

    private record CacheKey(BitSet done, String state) { }

    /** Returns null when linearizable, or a description of why not. */
    static String check(String key, List<SimOp> all) {
        var ops = new ArrayList<SimOp>();
        for (SimOp o : all) {
            if (!Objects.equals(o.key(), key) || o.outcome().equals("fail")) continue;
            if (o.f().equals("get") && !o.ok()) continue; // an unknown read tells nothing
            ops.add(o);
        }
        var nodes = new ArrayList<Node>();
        for (int i = 0; i < ops.size(); i++) {
            Node c = new Node(i, true, ops.get(i).start());
            nodes.add(c);
            if (!ops.get(i).info()) {
                Node r = new Node(i, false, ops.get(i).end());
                c.match = r;
                nodes.add(r);
            }
        }
        // At equal times calls sort first: more overlap, so never a false alarm.
        nodes.sort((a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Boolean.compare(!a.call, !b.call));
        Node head = new Node(-1, false, Long.MIN_VALUE);
        Node p = head;
        for (Node n : nodes) {
            p.next = n;
            n.prev = p;
            p = n;
        }
        int remaining = 0;
        for (SimOp o : ops) if (!o.info()) remaining++;

        String state = null;
        var done = new BitSet(ops.size());
        var cache = new HashSet<CacheKey>();
        record Frame(Node call, String state) { }
        var stack = new ArrayList<Frame>();
        Node entry = head.next;
        long steps = 0;
        while (remaining > 0) {
            if (++steps > 20_000_000) return null; // give up: unknown is not an anomaly
            if (entry == null) return "search ran off the end of the history of key " + key;
            if (entry.call) {
                SimOp op = ops.get(entry.op);
                String[] next = new String[1];
                if (apply(state, op, next)) {
                    BitSet d = (BitSet) done.clone();
                    d.set(entry.op);
                    if (cache.add(new CacheKey(d, next[0]))) {
                        stack.add(new Frame(entry, state));
                        state = next[0];
                        done.set(entry.op);
                        if (!op.info()) remaining--;
                        lift(entry);
                        entry = head.next;
                        continue;
                    }
                }
                entry = entry.next;
            } else {
                if (stack.isEmpty()) {
                    SimOp stuck = ops.get(entry.op);
                    return "key " + key + ": no linearization; stuck at " + stuck.f() + " by process " + stuck.process()
                            + " [" + stuck.start() + ".." + stuck.end() + "] arg=" + render(stuck.arg()) + " result="
                            + render(stuck.result());
                }
                Frame f = stack.remove(stack.size() - 1);
                state = f.state();
                done.clear(f.call().op);
                if (!ops.get(f.call().op).info()) remaining++;
                unlift(f.call());
                entry = f.call().next;
            }
        }
        return null;
    }

    private static String render(Object o) {
        return o instanceof String[] a ? java.util.Arrays.toString(a) : String.valueOf(o);
    }

    private static boolean apply(String state, SimOp op, String[] next) {
        switch (op.f()) {
            case "put" -> {
                next[0] = (String) op.arg();
                return true;
            }
            case "delete" -> {
                next[0] = null;
                return true;
            }
            case "get" -> {
                next[0] = state;
                return Objects.equals(state, op.result());
            }
            case "cas" -> {
                String[] a = (String[]) op.arg();
                boolean matches = Objects.equals(state, a[0]);
                if (op.info()) {
                    next[0] = matches ? a[1] : state;
                    return true;
                }
                boolean succeeded = (Boolean) op.result();
                if (succeeded) {
                    next[0] = a[1];
                    return matches;
                }
                next[0] = state;
                return !matches && Objects.equals(state, op.read());
            }
            default -> throw new IllegalArgumentException("register check cannot handle " + op.f());
        }
    }

    private static void lift(Node call) {
        call.prev.next = call.next;
        if (call.next != null) call.next.prev = call.prev;
        Node r = call.match;
        if (r != null) {
            r.prev.next = r.next;
            if (r.next != null) r.next.prev = r.prev;
        }
    }

    private static void unlift(Node call) {
        Node r = call.match;
        if (r != null) {
            r.prev.next = r;
            if (r.next != null) r.next.prev = r;
        }
        call.prev.next = call;
        if (call.next != null) call.next.prev = call;
    }
}
