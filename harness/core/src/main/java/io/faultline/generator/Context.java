package io.faultline.generator;

import java.util.BitSet;

/**
 * What a generator may see when it is asked for an op: the time and which threads are free.
 * Threads {@code 0..clients-1} are client threads; thread {@code clients} is the nemesis.
 * Routing combinators narrow the scope to a range of threads. A context is only valid during
 * the call it is passed to: the interpreter reuses the free-thread set.
 */
public final class Context {
    private final long time;
    private final BitSet free;
    private final int clients;
    private final int lo;
    private final int hi;

    private Context(long time, BitSet free, int clients, int lo, int hi) {
        this.time = time;
        this.free = free;
        this.clients = clients;
        this.lo = lo;
        this.hi = hi;
    }

    /** A context over every client thread and the nemesis thread. */
    public static Context of(long time, BitSet free, int clients) {
        if (clients < 0) throw new IllegalArgumentException("clients must be >= 0: " + clients);
        return new Context(time, free, clients, 0, clients + 1);
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
        return new Context(time, free, clients, a, b);
    }

    public Context clientScope() {
        return scope(0, clients);
    }

    public Context nemesisScope() {
        return scope(clients, clients + 1);
    }

    public Context atTime(long newTime) {
        return new Context(newTime, free, clients, lo, hi);
    }

    public boolean inScope(int thread) {
        return thread >= lo && thread < hi;
    }

    public boolean isFree(int thread) {
        return inScope(thread) && free.get(thread);
    }

    /** The lowest free thread in scope, or -1. */
    public int firstFree() {
        int t = free.nextSetBit(lo);
        return t >= 0 && t < hi ? t : -1;
    }

    public boolean allFree() {
        int busy = free.nextClearBit(lo);
        return busy >= hi;
    }

    /** Puts an op template on the first free thread, no earlier than now; null if none is free. */
    public GenOp place(GenOp template) {
        int t = firstFree();
        if (t < 0) return null;
        return new GenOp(Math.max(time, template.time()), t, template.f(), template.key(), template.value());
    }
}
