package io.faultline.testing;

import java.util.function.LongSupplier;

/**
 * A running process's clock minus ours, as the clock tests read it: from the quickest of a few
 * reads, since on a loaded machine one request can take seconds and its midpoint would then be off
 * by half of that.
 */
public final class ClockSkew {
    private ClockSkew() {
    }

    /** @param remoteMillis asks the process for its wall clock, in ms since the epoch */
    public static long of(LongSupplier remoteMillis) {
        long best = Long.MAX_VALUE;
        long skew = 0;
        for (int i = 0; i < 5 && best > 50; i++) {
            long before = System.currentTimeMillis();
            long remote = remoteMillis.getAsLong();
            long after = System.currentTimeMillis();
            if (after - before < best) {
                best = after - before;
                skew = remote - (before + after) / 2;
            }
        }
        return skew;
    }

    /**
     * The skew once it is within {@code tolerance} ms of {@code offset}, or the last one read after
     * 5 s: a running process re-reads its offset file within libfaketime's one-second cache.
     */
    public static long await(LongSupplier remoteMillis, long offset, long tolerance) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        long skew = of(remoteMillis);
        while (Math.abs(skew - offset) > tolerance && System.nanoTime() < deadline) {
            Thread.sleep(100);
            skew = of(remoteMillis);
        }
        return skew;
    }
}
