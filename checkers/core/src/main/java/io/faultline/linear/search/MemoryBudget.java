package io.faultline.linear.search;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes the searches of one check may hold, shared by its threads. Every large allocation of a
 * search (its per-op arrays, each page of remembered configurations, each hash table) is
 * reserved here first; a search whose reservation is refused stops with
 * {@link SearchOutcome.Status#MEMORY_BUDGET} instead of growing further, so a check never
 * takes the JVM beyond the budget (and never into an {@link OutOfMemoryError}).
 */
public final class MemoryBudget {
    private final long limit;
    private final AtomicLong reserved = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    public MemoryBudget(long limitBytes) {
        if (limitBytes <= 0) throw new IllegalArgumentException("memory budget must be positive: " + limitBytes);
        this.limit = limitBytes;
    }

    /**
     * The default when the user gives none: three quarters of the heap not in use now, so the
     * history and the JVM's own headroom stay outside it.
     */
    public static MemoryBudget ofFreeHeap() {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        return new MemoryBudget(Math.max(64L << 20, (rt.maxMemory() - used) / 4 * 3));
    }

    public long limit() {
        return limit;
    }

    /** The most bytes held at once so far. */
    public long peak() {
        return peak.get();
    }

    /** Reserves {@code bytes}; false (and nothing reserved) when that would exceed the limit. */
    public boolean tryReserve(long bytes) {
        long now;
        do {
            now = reserved.get();
            if (now + bytes > limit) return false;
        } while (!reserved.compareAndSet(now, now + bytes));
        peak.accumulateAndGet(now + bytes, Math::max);
        return true;
    }

    public void release(long bytes) {
        reserved.addAndGet(-bytes);
    }

    /** Bytes of an array of {@code n} elements of {@code elementBytes} each, header included. */
    static long arrayBytes(long n, int elementBytes) {
        return 16 + n * elementBytes;
    }
}
