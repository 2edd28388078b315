package io.faultline.worker;

import io.faultline.generator.Context;
import io.faultline.generator.Event;
import io.faultline.generator.GenOp;
import io.faultline.generator.Generator;
import io.faultline.generator.Step;
import io.faultline.history.OpType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Drives a generator against a pool of workers, one virtual thread per client thread plus one for
 * the nemesis. Only this class's calling thread touches the generator, so generators need no
 * locking; workers report back through one completion queue.
 */
public final class Interpreter {
    private static final GenOp STOP = new GenOp(0, -1, "\u0000stop", null, null);

    private final List<OpHandler> handlers;
    private final int clients;
    private final LongSupplier clock;
    private final AtomicBoolean stop = new AtomicBoolean();

    /**
     * @param clientHandlers one per client thread, in thread order
     * @param nemesisHandler the nemesis thread's handler
     * @param clock          nanoseconds since the test started (the recorder's clock)
     */
    public Interpreter(List<? extends OpHandler> clientHandlers, OpHandler nemesisHandler, LongSupplier clock) {
        this.handlers = new ArrayList<>(clientHandlers);
        this.handlers.add(nemesisHandler);
        this.clients = clientHandlers.size();
        this.clock = clock;
    }

    /** Asks the run to stop dispatching; ops in flight still complete. Safe from any thread. */
    public void requestStop() {
        stop.set(true);
    }

    public boolean stopRequested() {
        return stop.get();
    }

    /** How a run ended. */
    public enum Outcome { EXHAUSTED, STOPPED, DEADLINE }

    /**
     * Runs {@code gen} until it is exhausted, a stop is requested or {@code deadlineNanos} passes,
     * then waits up to {@code graceNanos} for ops in flight.
     */
    public Outcome run(Generator gen, long deadlineNanos, long graceNanos) throws InterruptedException {
        int threads = handlers.size();
        BlockingQueue<Completion> done = new LinkedBlockingQueue<>();
        List<BlockingQueue<GenOp>> inboxes = new ArrayList<>(threads);
        List<Thread> workers = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            BlockingQueue<GenOp> inbox = new ArrayBlockingQueue<>(1);
            inboxes.add(inbox);
            OpHandler h = handlers.get(t);
            int thread = t;
            workers.add(Thread.ofVirtual().name("faultline-worker-" + t).start(() -> work(thread, h, inbox, done)));
        }
        BitSet free = new BitSet(threads);
        free.set(0, threads);
        int busy = 0;
        int cursor = 0;
        Generator g = gen;
        Outcome outcome;
        try {
            while (true) {
                Completion c;
                while ((c = done.poll()) != null) {
                    busy--;
                    g = complete(g, free, c);
                }
                long now = clock.getAsLong();
                if (stop.get()) {
                    outcome = Outcome.STOPPED;
                    break;
                }
                if (now >= deadlineNanos) {
                    outcome = Outcome.DEADLINE;
                    break;
                }
                Context ctx = Context.of(now, free, clients, cursor);
                Step s = g.step(ctx);
                long waitUntil;
                switch (s) {
                    case Step.Emit e when e.op().time() <= now -> {
                        GenOp op = e.op();
                        if (!free.get(op.thread())) {
                            throw new IllegalStateException("generator emitted an op on busy thread " + op.thread());
                        }
                        free.clear(op.thread());
                        busy++;
                        if (op.thread() < clients) cursor = Context.after(op.thread(), clients);
                        g = e.next().update(ctx, new Event(op.thread(), OpType.INVOKE, op.f()));
                        inboxes.get(op.thread()).add(op);
                        continue;
                    }
                    case Step.Emit e -> waitUntil = e.op().time();
                    case Step.Pending p -> {
                        g = p.next();
                        if (p.wakeAt() == Long.MAX_VALUE && busy == 0) {
                            // Nothing in flight and nothing scheduled: no event can ever wake it.
                            outcome = Outcome.EXHAUSTED;
                            return outcome;
                        }
                        waitUntil = p.wakeAt();
                    }
                    case Step.Exhausted x -> {
                        if (busy == 0) {
                            outcome = Outcome.EXHAUSTED;
                            return outcome;
                        }
                        waitUntil = Long.MAX_VALUE;
                    }
                }
                long wait = Math.min(waitUntil, deadlineNanos) - clock.getAsLong();
                // Poll in short slices so a stop request is seen promptly.
                c = wait <= 0 ? done.poll() : done.poll(Math.min(wait, 100_000_000L), TimeUnit.NANOSECONDS);
                if (c != null) {
                    busy--;
                    g = complete(g, free, c);
                }
            }
            long graceEnd = clock.getAsLong() + graceNanos;
            while (busy > 0) {
                long wait = graceEnd - clock.getAsLong();
                if (wait <= 0) break;
                Completion c = done.poll(wait, TimeUnit.NANOSECONDS);
                if (c == null) break;
                busy--;
                g = complete(g, free, c);
            }
            return outcome;
        } finally {
            for (BlockingQueue<GenOp> inbox : inboxes) inbox.offer(STOP);
            for (Thread w : workers) {
                w.join(busy > 0 ? 100 : 5_000);
                if (w.isAlive()) w.interrupt();
            }
        }
    }

    private Generator complete(Generator g, BitSet free, Completion c) {
        if (c.failure() != null) {
            throw new IllegalStateException("worker " + c.thread() + " failed: " + c.failure().getMessage(), c.failure());
        }
        free.set(c.thread());
        return g.update(Context.of(clock.getAsLong(), free, clients), new Event(c.thread(), c.type(), c.f()));
    }

    private static void work(int thread, OpHandler handler, BlockingQueue<GenOp> inbox, BlockingQueue<Completion> done) {
        try {
            while (true) {
                GenOp op = inbox.take();
                if (op == STOP) return;
                OpType type;
                try {
                    type = handler.handle(op);
                } catch (RuntimeException | Error e) {
                    done.add(new Completion(thread, OpType.INFO, op.f(), e));
                    return;
                }
                done.add(new Completion(thread, type, op.f(), null));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            handler.close();
        }
    }
}
