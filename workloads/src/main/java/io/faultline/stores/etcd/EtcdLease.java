package io.faultline.stores.etcd;

import io.etcd.jetcd.Lease;
import io.etcd.jetcd.lease.LeaseRevokeResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The lease a lock holder or an election candidate keeps: granted with a TTL, kept alive by this
 * class's own loop of {@link Lease#keepAliveOnce} requests until stopped, revoked to give up (which
 * deletes every key attached to it).
 *
 * <p>It also knows until when the holder may believe the lease lives: the <em>send</em> time of
 * the last acknowledged grant or keep-alive, plus the TTL the answer names, minus a margin. etcd
 * starts the TTL when it handles a request, which is after the request left, so that bound never
 * lies past the server's expiry (the margin covers clock rate differences and the time from the
 * check to the act). Counting from when the answer <em>arrives</em> (as jetcd's keep-alive stream
 * would make a client do) lets an answer held up by a partition or a slow network stretch the
 * belief past the expiry by the delay: the bug this class exists to avoid.
 */
final class EtcdLease {
    /** A lease etcd granted, with when the grant was sent (for the first bound). */
    record Granted(long id, long sentNanos, long ttlSeconds) {
    }

    private final Lease leases;
    private final long ttlSeconds;
    private final long marginNanos;
    private final LongSupplier nanoTime;
    private volatile long id;
    private long validUntilNanos; // guarded by this; send time of the last acknowledged request + TTL - margin
    private boolean valid; // guarded by this: false before a grant, after a stop, or once etcd said the lease is gone
    private long epoch; // guarded by this: a late answer to a request of an earlier keep-alive loop changes nothing
    private Thread renewer; // guarded by this

    EtcdLease(Lease leases, long ttlSeconds, Duration margin) {
        this(leases, ttlSeconds, margin, System::nanoTime);
    }

    EtcdLease(Lease leases, long ttlSeconds, Duration margin, LongSupplier nanoTime) {
        if (margin.isNegative() || margin.compareTo(Duration.ofSeconds(ttlSeconds)) >= 0) {
            throw new IllegalArgumentException("lease margin " + margin.toMillis() + " ms must be >= 0 and below the TTL of "
                    + ttlSeconds + " s");
        }
        this.leases = leases;
        this.ttlSeconds = ttlSeconds;
        this.marginNanos = margin.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Asks for a fresh lease, noting when the request left; pass the answer to {@link #keepAlive}. */
    CompletableFuture<Granted> grant() {
        long sent = nanoTime.getAsLong();
        return leases.grant(ttlSeconds).thenApply(r -> new Granted(r.getID(), sent, r.getTTL()));
    }

    /** Makes {@code granted} this client's lease and keeps it alive from now on. */
    synchronized void keepAlive(Granted granted) {
        id = granted.id();
        epoch++;
        valid = true;
        validUntilNanos = granted.sentNanos() - marginNanos;
        confirmed(epoch, granted.sentNanos(), granted.ttlSeconds());
        resumeKeepAlive();
    }

    /**
     * (Re)starts the keep-alive loop of the current lease, as a resumed process would, late. The
     * bound already earned stays: a pause does not change what the holder knows, only its clock.
     */
    synchronized void resumeKeepAlive() {
        stopRenewer();
        long mine = epoch;
        long leaseId = id;
        renewer = Thread.ofVirtual().name("etcd-lease-" + Long.toHexString(leaseId)).start(() -> renew(mine, leaseId));
    }

    /**
     * Sends a keep-alive every third of the TTL (jetcd's own pace) without waiting for the
     * previous answer: a late answer still counts, but only from when its request left.
     */
    private void renew(long mine, long leaseId) {
        long every = Math.max(100, TimeUnit.SECONDS.toMillis(ttlSeconds) / 3);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                long sent = nanoTime.getAsLong();
                leases.keepAliveOnce(leaseId).orTimeout(ttlSeconds, TimeUnit.SECONDS)
                        .thenAccept(r -> confirmed(mine, sent, r.getTTL()));
                // A failed or unanswered keep-alive teaches nothing: the bound earned runs out on time.
                Thread.sleep(every);
            }
        } catch (InterruptedException e) {
            // stopped
        }
    }

    private synchronized void confirmed(long forEpoch, long sentNanos, long ttl) {
        if (forEpoch != epoch || !valid) return;
        if (ttl <= 0) { // etcd no longer knows the lease: whatever was earned is gone
            valid = false;
            return;
        }
        validUntilNanos = Math.max(validUntilNanos, sentNanos + TimeUnit.SECONDS.toNanos(ttl) - marginNanos);
    }

    /** Stops the keep-alives without touching the bound earned (a client pause). */
    synchronized void pauseKeepAlive() {
        stopRenewer();
    }

    /** Stops the keep-alives; by this client's clock the lease is gone from now on. */
    synchronized void stopKeepAlive() {
        stopRenewer();
        epoch++;
        valid = false;
    }

    private void stopRenewer() {
        if (renewer != null) renewer.interrupt();
        renewer = null;
    }

    /**
     * Why, by this client's own clock, the lease may be gone on the server within {@code ahead};
     * empty while the holder can still count on it for that long.
     */
    synchronized Optional<String> endsWithin(Duration ahead) {
        if (!valid) return Optional.of("lease " + Long.toHexString(id) + " not held (stopped, or etcd said it is gone)");
        long left = validUntilNanos - nanoTime.getAsLong();
        if (left > ahead.toNanos()) return Optional.empty();
        return Optional.of("lease " + Long.toHexString(id) + ": " + TimeUnit.NANOSECONDS.toMillis(left)
                + " ms left (send time of the last acknowledged keep-alive + TTL " + ttlSeconds + " s - margin "
                + TimeUnit.NANOSECONDS.toMillis(marginNanos) + " ms), not the " + ahead.toMillis() + " ms needed");
    }

    CompletableFuture<LeaseRevokeResponse> revoke() {
        return leases.revoke(id);
    }

    long id() {
        return id;
    }

    long ttlSeconds() {
        return ttlSeconds;
    }
}
