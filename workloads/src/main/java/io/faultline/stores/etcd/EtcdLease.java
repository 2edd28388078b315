package io.faultline.stores.etcd;

import io.etcd.jetcd.Lease;
import io.etcd.jetcd.lease.LeaseGrantResponse;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.lease.LeaseRevokeResponse;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The lease a lock holder or an election candidate keeps: granted with a TTL, kept alive by a
 * keep-alive stream until stopped, revoked to give up (which deletes every key attached to it). It
 * also knows until when the lease lives by this client's own clock, the TTL counted from the last
 * keep-alive answer: the (slightly optimistic) view a holder acts on.
 */
final class EtcdLease {
    private final Lease leases;
    private final long ttlSeconds;
    private volatile long id;
    private volatile long aliveUntilNanos;
    private CloseableClient keepAlive;

    EtcdLease(Lease leases, long ttlSeconds) {
        this.leases = leases;
        this.ttlSeconds = ttlSeconds;
    }

    /** Asks for a fresh lease; pass its id to {@link #keepAlive}. */
    CompletableFuture<LeaseGrantResponse> grant() {
        return leases.grant(ttlSeconds);
    }

    /** Makes {@code granted} this client's lease and keeps it alive from now on. */
    void keepAlive(long granted) {
        id = granted;
        aliveUntilNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(ttlSeconds);
        resumeKeepAlive();
    }

    /** (Re)starts the keep-alives of the current lease, as a resumed process would, late. */
    synchronized void resumeKeepAlive() {
        if (keepAlive != null) keepAlive.close();
        keepAlive = leases.keepAlive(id, new StreamObserver<>() {
            @Override
            public void onNext(LeaseKeepAliveResponse r) {
                aliveUntilNanos = r.getTTL() > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(r.getTTL()) : 0;
            }

            @Override
            public void onError(Throwable t) {
                // keep the last deadline: the lease may live until then
            }

            @Override
            public void onCompleted() {
            }
        });
    }

    /** Stops the keep-alives; by this client's clock the lease is gone from now on. */
    synchronized void stopKeepAlive() {
        if (keepAlive != null) keepAlive.close();
        keepAlive = null;
        aliveUntilNanos = 0;
    }

    /** Whether, by this client's own clock, the lease still lives. */
    boolean alive() {
        return System.nanoTime() < aliveUntilNanos;
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
