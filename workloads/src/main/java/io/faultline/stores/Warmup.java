package io.faultline.stores;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A store's warm-up load (see {@code Db.warmUp}): {@code concurrency} virtual threads run
 * {@code request} back to back until {@code length} has passed. Bounded in time; each request is
 * bounded by the store client's own timeout.
 */
public final class Warmup {

    /** One warm-up request by worker {@code worker}, its {@code n}th; true when the store answered. */
    @FunctionalInterface
    public interface Request {
        boolean send(int worker, long n);
    }

    private Warmup() {
    }

    /** Runs the load and says what it did, e.g. "warm-up: 5 s at concurrency 16, 4,210 requests (4,210 answered), outside the history". */
    public static String run(String store, Duration length, int concurrency, Request request) throws InterruptedException {
        if (length.isZero() || length.isNegative()) return store + ": no warm-up (warmup-s=0)";
        long end = System.nanoTime() + length.toNanos();
        AtomicLong sent = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            threads.add(Thread.ofVirtual().name("warmup-" + w).start(() -> {
                for (long n = 0; System.nanoTime() < end && !Thread.currentThread().isInterrupted(); n++) {
                    sent.incrementAndGet();
                    if (request.send(worker, n)) answered.incrementAndGet();
                }
            }));
        }
        try {
            for (Thread t : threads) t.join();
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            throw e;
        }
        return String.format(Locale.ROOT, "%s warm-up: %.0f s at concurrency %d, %,d requests (%,d answered), outside the history",
                store, length.toMillis() / 1000.0, concurrency, sent.get(), answered.get());
    }

    /** The {@code warmup-s} setting, or {@code fallback} seconds. */
    public static Duration length(java.util.Map<String, String> settings, double fallback) {
        String v = settings.get("warmup-s");
        double s;
        try {
            s = v == null ? fallback : Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--opt store.warmup-s=" + v + ": expected seconds");
        }
        if (!(s >= 0 && s <= 600)) throw new IllegalArgumentException("--opt store.warmup-s=" + v + ": expected 0 to 600 seconds");
        return Duration.ofMillis((long) (s * 1000));
    }
}
