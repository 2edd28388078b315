package io.faultline.linear;

import io.faultline.history.History;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Small random cas-register histories, valid and invalid alike: a random sequential execution
 * over values 0-2 with overlapping intervals around its linearization points, a third (or a twelfth)
 * of the ops crashed (info, with or without a completion event; taking effect or not), then with some
 * probability one read's value or one interval changed, which may break linearizability.
 */
final class RandomRegisterHistories {
    private RandomRegisterHistories() {
    }

    static History generate(long seed, int length) {
        return generate(seed, length, false);
    }

    /**
     * With {@code revisions}, every ok completion carries the store's order as {@link KnownOrder}
     * reads it (a change's own number; an observer's: the number of changes before it), and in a
     * quarter of the histories one revision is then moved at random, which may make it a lie.
     */
    static History generate(long seed, int length, boolean revisions) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long changes = 0;
        // Half the histories crash few ops, so that quiescent points (none after a crash) occur.
        int crashOneIn = seed % 2 == 0 ? 3 : 12;
        record Event(long at, int seq, Op op) {
        }
        List<Event> events = new ArrayList<>();
        Long reg = null;
        int seq = 0;
        for (int i = 0; i < length; i++) {
            long point = 100L * (i + 1);
            long inv = point - 1 - rnd.nextInt(350);
            long ret = point + 1 + rnd.nextInt(350);
            if (rnd.nextInt(6) == 0) {          // shift the interval: may contradict the order
                long d = rnd.nextInt(700) - 350;
                inv += d;
                ret += d;
            }
            boolean crashed = rnd.nextInt(crashOneIn) == 0;
            boolean happens = !crashed || rnd.nextBoolean();
            int kind = rnd.nextInt(3);
            String f;
            Object in;
            Object out;
            OpType type = crashed ? OpType.INFO : OpType.OK;
            String error = crashed ? "timed-out" : null;
            if (kind == 0) {
                f = "read";
                in = null;
                out = rnd.nextInt(5) == 0 ? (Object) (long) rnd.nextInt(3) : reg;   // sometimes a wrong value
            } else if (kind == 1) {
                f = "write";
                in = (long) rnd.nextInt(3);
                out = in;
                if (happens) reg = (Long) in;
            } else {
                f = "cas";
                long e = rnd.nextInt(3);
                long n = rnd.nextInt(3);
                in = List.of(e, n);
                out = in;
                boolean match = reg != null && reg == e;
                if (!crashed && !match) {
                    type = OpType.FAIL;
                    error = rnd.nextBoolean() ? "cas-mismatch" : null;
                }
                if (happens && match) reg = n;
            }
            Long revision = null;
            if (revisions && type != OpType.INFO) {
                boolean change = type == OpType.OK && !f.equals("read");
                revision = change ? ++changes : changes;
            }
            events.add(new Event(inv, seq++, new Op(0, inv, i, OpType.INVOKE, f, null, in, null, null)));
            if (!crashed || rnd.nextBoolean()) {
                events.add(new Event(ret, seq++, new Op(0, ret, i, type, f, null, out, null, error, revision)));
            }
        }
        events.sort(Comparator.comparingLong(Event::at).thenComparingInt(Event::seq));
        int lie = revisions && rnd.nextInt(4) == 0 ? rnd.nextInt(events.size()) : -1;
        List<Op> ops = new ArrayList<>();
        for (Event e : events) {
            Op o = e.op;
            Long revision = o.revision();
            if (ops.size() == lie && revision != null) revision = (long) rnd.nextInt((int) changes + 2);
            ops.add(new Op(ops.size(), Math.max(0, e.at), o.process(), o.type(), o.f(), o.key(), o.value(), null,
                    o.error(), revision));
        }
        return History.of(ops);
    }
}
