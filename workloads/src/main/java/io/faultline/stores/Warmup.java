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

    /** One warm-up request by worker {@code worker}, its {@code n}th; true when the store answered (a throw is no answer). */
    @FunctionalInterface
    public interface Request {
        boolean send(int worker, long n) throws Exception;
    }

    /**
     * No warm-up unless asked ({@code --opt store.warmup-s=S}): a plain run tests behaviour, and the
     * test suite starts many clusters. {@code faultline compare} asks for one for every store
     * ({@code --warmup}, 10 s), so that no store's measured phase pays for JIT compilation — its
     * own or the harness's client's — that another's does not (docs/notes/compare.md).
     */
    public static final double DEFAULT_SECONDS = 0;
    /** Concurrent warm-up requests. */
    public static final int CONCURRENCY = 16;

    private Warmup() {
    }

    /** Runs the load and says what it did, e.g. "warm-up: 5 s at concurrency 16, 4,210 requests (4,210 answered), outside the history". */
    public static String run(String store, Duration length, int concurrency, Request request) throws InterruptedException {
        if (length.isZero() || length.isNegative()) return "";
        long end = System.nanoTime() + length.toNanos();
        AtomicLong sent = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            threads.add(Thread.ofVirtual().name("warmup-" + w).start(() -> {
                for (long n = 0; System.nanoTime() < end && !Thread.currentThread().isInterrupted(); n++) {
                    sent.incrementAndGet();
                    if (answered(request, worker, n)) answered.incrementAndGet();
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

    private static boolean answered(Request request, int worker, long n) {
        try {
            return request.send(worker, n);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** How test.json states a warm-up of {@code length} described by {@code what}. */
    public static String describe(Duration length, String what) {
        return length.isZero() ? "none (--opt store.warmup-s=S asks for one)"
                : length.toMillis() / 1000.0 + " s of " + what + " at concurrency " + CONCURRENCY
                + ", before the main phase and outside the history";
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
