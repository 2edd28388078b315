package io.faultline.stores.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Lease;
import io.etcd.jetcd.Lock;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.support.CloseableClient;
import io.faultline.client.Freeze;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * etcd's lock API (the v3lock service, as {@code etcdctl lock} uses it) on a lease of
 * {@code lease-ttl-s}: acquire grants a lease, keeps it alive and locks; the lock is held while the
 * lease lives. The fencing token is the create revision of the lock's key: etcd grants the lock in
 * that order (a waiter owns the lock once every key created before its own is gone), so a later
 * holder always has a larger one. An acquire not granted within {@code client-timeout-ms} plus two
 * lease TTLs is withdrawn by revoking its lease (which deletes its key): fail when the revoke went
 * through, info when it did not. release unlocks and revokes. A freeze stops the keep-alives (a
 * paused process renews nothing); the thaw restarts them, late, as a resumed process would.
 */
final class EtcdLockClient extends EtcdClient {
    private final long ttlSeconds;
    private Lock locks;
    private Lease leases;
    private volatile long lease;
    private volatile CloseableClient keepAlive;
    private volatile ByteSequence lockKey;
    private final Object keepAliveGuard = new Object();

    EtcdLockClient(EtcdDb db, EtcdConnections connections, Duration timeout, ReadMode readMode, long ttlSeconds) {
        super(db, connections, timeout, readMode);
        this.ttlSeconds = ttlSeconds;
    }

    @Override
    public void open(io.faultline.env.Node target) throws Exception {
        super.open(target);
        locks = etcd.getLockClient();
        leases = etcd.getLeaseClient();
    }

    @Override
    protected boolean mutates(Op op) {
        return true;
    }

    @Override
    protected Op run(Op inv) throws Exception {
        return switch (inv.f()) {
            case "acquire" -> acquire(inv);
            case "release" -> release(inv);
            default -> complete(inv, OpType.FAIL, inv.value(), "etcd lock client has no op '" + inv.f() + "'");
        };
    }

    private Op acquire(Op inv) throws Exception {
        if (lockKey != null) return complete(inv, OpType.FAIL, null, "already holds the lock");
        lease = await(leases.grant(ttlSeconds)).getID();
        startKeepAlive();
        ByteSequence key;
        CompletableFuture<io.etcd.jetcd.lock.LockResponse> granted = locks.lock(bytes(inv.key()), lease);
        long waitMillis = timeout.toMillis() + 2 * TimeUnit.SECONDS.toMillis(ttlSeconds);
        try {
            key = granted.get(waitMillis, TimeUnit.MILLISECONDS).getKey();
        } catch (TimeoutException e) {
            granted.cancel(true);
            return withdraw(inv, "not granted within " + waitMillis + " ms");
        }
        GetResponse r = await(kv.get(key));
        if (r.getKvs().isEmpty()) {
            // Granted, but the key (and so the lease) is already gone: we never act as holder.
            stopKeepAlive();
            return complete(inv, OpType.FAIL, null, "granted, but the lock key " + text(key) + " was gone when read back"
                    + " (lease expired in between)");
        }
        lockKey = key;
        return complete(inv, OpType.OK, r.getKvs().getFirst().getCreateRevision(), null);
    }

    /** Gives up a lock request by revoking its lease, which deletes the waiter's key. */
    private Op withdraw(Op inv, String why) {
        stopKeepAlive();
        try {
            await(leases.revoke(lease));
            return complete(inv, OpType.FAIL, null, why + "; request withdrawn (lease revoked)");
        } catch (Exception e) {
            return complete(inv, OpType.INFO, null, why + "; withdrawing failed: " + EtcdErrors.classify(e, true).error());
        }
    }

    private Op release(Op inv) throws Exception {
        ByteSequence k = lockKey;
        if (k == null) return complete(inv, OpType.FAIL, null, "not-holder");
        lockKey = null;
        stopKeepAlive();
        await(locks.unlock(k));
        await(leases.revoke(lease).exceptionally(t -> null)); // an expired lease is already gone
        return complete(inv, OpType.OK, null, null);
    }

    private void startKeepAlive() {
        synchronized (keepAliveGuard) {
            if (keepAlive != null) keepAlive.close();
            keepAlive = leases.keepAlive(lease, new StreamObserver<>() {
                @Override
                public void onNext(LeaseKeepAliveResponse r) {
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                }
            });
        }
    }

    private void stopKeepAlive() {
        synchronized (keepAliveGuard) {
            if (keepAlive != null) keepAlive.close();
            keepAlive = null;
        }
    }

    @Override
    public boolean holdsLease() {
        return lockKey != null;
    }

    @Override
    public Freeze freeze() {
        long l = lease;
        stopKeepAlive();
        return Freeze.done("keep-alives of lease " + Long.toHexString(l) + " (TTL " + ttlSeconds + " s) stopped");
    }

    @Override
    public void thaw() {
        if (lockKey != null) startKeepAlive();
    }

    @Override
    public void close() {
        stopKeepAlive();
        lockKey = null;
        super.close();
    }
}
