package io.faultline.env.proxy;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The faults on one directed link (from one node to another): a delay with jitter, and a stall
 * that holds every chunk until healed. Pumps read it on each chunk; controls change it at any time.
 */
final class LinkState {
    private long delayNanos;
    private long jitterNanos;
    private boolean stalled;
    /** Bumped by heal, so chunks queued under an old delay go out at once. */
    private long generation;
    private long lastRelease;
    /** What live traffic went through since the last change of fault: the nemesis's evidence. */
    private long observedChunks;
    private long observedBytes;
    private long observedHoldNanos;

    /** Called by the writer for each chunk it sent: how long the chunk was held in the proxy. */
    synchronized void observe(long heldNanos, int bytes) {
        observedChunks++;
        observedBytes += bytes;
        observedHoldNanos += heldNanos;
    }

    synchronized io.faultline.env.LinkControl.Observed observed() {
        return new io.faultline.env.LinkControl.Observed(observedChunks, observedBytes,
                observedChunks == 0 ? 0 : observedHoldNanos / observedChunks);
    }

    private void resetObserved() {
        observedChunks = 0;
        observedBytes = 0;
        observedHoldNanos = 0;
    }

    synchronized void delay(long delayNanos, long jitterNanos) {
        this.delayNanos = delayNanos;
        this.jitterNanos = jitterNanos;
        resetObserved();
    }

    synchronized void stall() {
        stalled = true;
        resetObserved();
    }

    synchronized void heal() {
        delayNanos = 0;
        jitterNanos = 0;
        stalled = false;
        resetObserved();
        generation++;
        notifyAll();
    }

    synchronized boolean faulty() {
        return stalled || delayNanos > 0;
    }

    synchronized long generation() {
        return generation;
    }

    /**
     * When a chunk read now may be written. Never earlier than the chunk before it: jitter delays
     * chunks by different amounts but must not reorder a TCP stream.
     */
    synchronized long releaseAt(long now) {
        if (delayNanos == 0 && jitterNanos == 0) {
            lastRelease = Math.max(lastRelease, now);
            return lastRelease;
        }
        long jitter = jitterNanos == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitterNanos, jitterNanos + 1);
        long at = Math.max(now, now + delayNanos + jitter);
        lastRelease = Math.max(lastRelease, at);
        return lastRelease;
    }

    /**
     * Blocks until a chunk with this release time and generation may go: its time has come (or a
     * heal cancelled its delay) and the link is not stalled. Returns false when {@code open} turns
     * false while waiting.
     */
    synchronized boolean awaitRelease(long releaseAt, long chunkGeneration, java.util.function.BooleanSupplier open)
            throws InterruptedException {
        while (open.getAsBoolean()) {
            if (stalled) {
                wait(100);
                continue;
            }
            if (generation != chunkGeneration) {
                return true;
            }
            long left = releaseAt - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            long ms = left / 1_000_000;
            wait(Math.max(ms, 0), (int) (ms > 0 ? 0 : Math.max(left % 1_000_000, 1)));
        }
        return false;
    }
}
