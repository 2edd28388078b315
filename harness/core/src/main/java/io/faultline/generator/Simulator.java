package io.faultline.generator;

import io.faultline.history.OpType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Interprets a generator in virtual time, without clients: every op takes the latency the caller
 * gives it and completes with the type the caller decides. Used to test generator semantics and to
 * preview a schedule; the real interpreter (io.faultline.worker) follows the same protocol.
 */
public final class Simulator {
    private final int clients;
    private final ToLongFunction<GenOp> latency;
    private final Function<GenOp, OpType> outcome;

    public Simulator(int clients, ToLongFunction<GenOp> latency, Function<GenOp, OpType> outcome) {
        this.clients = clients;
        this.latency = latency;
        this.outcome = outcome;
    }

    /** Ops in the order they were invoked, each with its thread and invocation time. */
    public List<GenOp> run(Generator gen, int maxOps, long maxTimeNanos) {
        record InFlight(long done, long seq, GenOp op) {
        }
        PriorityQueue<InFlight> inFlight = new PriorityQueue<>((a, b) -> a.done != b.done
                ? Long.compare(a.done, b.done) : Long.compare(a.seq, b.seq));
        BitSet free = new BitSet(clients + 1);
        free.set(0, clients + 1);
        List<GenOp> out = new ArrayList<>();
        long now = 0;
        long seq = 0;
        int cursor = 0;
        Generator g = gen;
        while (out.size() < maxOps && now <= maxTimeNanos) {
            final long at = now;
            Context ctx = Context.of(at, free, clients, cursor);
            Step s = g.step(ctx);
            long nextDone = inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.peek().done;
            long target;
            switch (s) {
                case Step.Emit e when e.op().time() <= at -> {
                    GenOp op = e.op();
                    if (!free.get(op.thread())) throw new IllegalStateException("generator emitted on busy thread " + op.thread());
                    out.add(op);
                    free.clear(op.thread());
                    if (op.thread() < clients) cursor = Context.after(op.thread(), clients);
                    g = e.next().update(ctx, new Event(op.thread(), OpType.INVOKE, op.f()));
                    inFlight.add(new InFlight(now + Math.max(0, latency.applyAsLong(op)), seq++, op));
                    continue;
                }
                case Step.Emit e -> target = Math.min(e.op().time(), nextDone);
                case Step.Pending p -> {
                    g = p.next();
                    target = Math.min(p.wakeAt(), nextDone);
                }
                case Step.Exhausted x -> {
                    if (inFlight.isEmpty()) return out;
                    target = nextDone;
                }
            }
            if (target == Long.MAX_VALUE) return out; // nothing will ever happen again
            now = Math.max(now, target);
            while (!inFlight.isEmpty() && inFlight.peek().done <= now) {
                InFlight f = inFlight.poll();
                free.set(f.op.thread());
                g = g.update(Context.of(now, free, clients), new Event(f.op.thread(), outcome.apply(f.op), f.op.f()));
            }
        }
        return out;
    }
}
