package io.faultline.generator;

import java.util.BitSet;

/**
 * What a generator may see when it is asked for an op: the time and which threads are free.
 * Threads {@code 0..clients-1} are client threads; thread {@code clients} is the nemesis.
 * Routing combinators narrow the scope to a range of threads. A context is only valid during
 * the call it is passed to: the interpreter reuses the free-thread set.
 *
 * <p>Ops go to free threads in turn, starting at the interpreter's cursor (the thread after the
 * last one given an op): "the lowest free thread" gave thread 0 four fifths of a run's ops at the
 * default rate, so the nodes behind the other threads — an isolated leader among them — saw few
 * clients.
 */
public final class Context {
    private final long time;
    private final BitSet free;
    private final int clients;
    private final int lo;
    private final int hi;
    private final int cursor;

    private Context(long time, BitSet free, int clients, int lo, int hi, int cursor) {
        this.time = time;
        this.free = free;
        this.clients = clients;
        this.lo = lo;
        this.hi = hi;
        this.cursor = cursor;
    }

    /** A context over every client thread and the nemesis thread, handing out ops from thread 0. */
    public static Context of(long time, BitSet free, int clients) {
        return of(time, free, clients, 0);
    }

    /** As above, handing out ops from thread {@code cursor} on, round the scope. */
    public static Context of(long time, BitSet free, int clients, int cursor) {
        if (clients < 0) throw new IllegalArgumentException("clients must be >= 0: " + clients);
        return new Context(time, free, clients, 0, clients + 1, cursor);
    }

    /** The client thread after {@code thread}, where the next search for a free thread starts. */
    public static int after(int thread, int clients) {
        return clients == 0 ? 0 : (thread + 1) % clients;
    }

    public long time() {
        return time;
    }

    public int clients() {
        return clients;
    }

    public int nemesisThread() {
        return clients;
    }

    public int lo() {
        return lo;
    }

    public int hi() {
        return hi;
    }

    public int size() {
        return hi - lo;
    }

    /** Narrows to threads {@code [from, to)}, clipped to the current scope. */
    public Context scope(int from, int to) {
        int a = Math.max(lo, from);
        int b = Math.max(a, Math.min(hi, to));
        return new Context(time, free, clients, a, b, cursor);
    }

    public Context clientScope() {
        return scope(0, clients);
    }

    public Context nemesisScope() {
        return scope(clients, clients + 1);
    }

    public Context atTime(long newTime) {
        return new Context(newTime, free, clients, lo, hi, cursor);
    }

    public boolean inScope(int thread) {
        return thread >= lo && thread < hi;
    }

    public boolean isFree(int thread) {
        return inScope(thread) && free.get(thread);
    }

    /** The first free thread in scope at or after the cursor, wrapping round; -1 if none is free. */
    public int firstFree() {
        int start = cursor >= lo && cursor < hi ? cursor : lo;
        int t = free.nextSetBit(start);
        if (t >= 0 && t < hi) return t;
        t = free.nextSetBit(lo);
        return t >= 0 && t < start ? t : -1;
    }

    public boolean allFree() {
        int busy = free.nextClearBit(lo);
        return busy >= hi;
    }

    /** Puts an op template on the next free thread ({@link #firstFree}), no earlier than now; null if none is free. */
    public GenOp place(GenOp template) {
        int t = firstFree();
        if (t < 0) return null;
        return new GenOp(Math.max(time, template.time()), t, template.f(), template.key(), template.value());
    }
}
