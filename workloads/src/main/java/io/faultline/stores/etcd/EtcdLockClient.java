package io.faultline.stores.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Lock;
import io.etcd.jetcd.kv.GetResponse;
import io.faultline.history.Op;
import io.faultline.history.OpType;
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
 * through, info when it did not. release unlocks and revokes. The holder counts on its lock
 * only as long as its lease by its own clock ({@link EtcdLease}: from the send time of the last
 * acknowledged keep-alive).
 */
final class EtcdLockClient extends EtcdLeasedClient {
    private Lock locks;
    private volatile ByteSequence lockKey;

    EtcdLockClient(EtcdDb db, EtcdConnections connections, Duration timeout, ReadMode readMode, long ttlSeconds,
                   Duration margin) {
        super(db, connections, timeout, readMode, ttlSeconds, margin);
    }

    @Override
    public void open(io.faultline.env.Node target) throws Exception {
        super.open(target);
        locks = etcd.getLockClient();
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
        grantLease();
        ByteSequence key;
        CompletableFuture<io.etcd.jetcd.lock.LockResponse> granted = locks.lock(bytes(inv.key()), lease.id());
        long waitMillis = timeout.toMillis() + 2 * TimeUnit.SECONDS.toMillis(ttlSeconds);
        try {
            key = granted.get(waitMillis, TimeUnit.MILLISECONDS).getKey();
        } catch (TimeoutException e) {
            granted.cancel(true);
            return withdraw(inv, "not granted within " + waitMillis + " ms", "request withdrawn (lease revoked)");
        }
        GetResponse r = await(kv.get(key));
        if (r.getKvs().isEmpty()) {
            // Granted, but the key (and so the lease) is already gone: we never act as holder.
            lease.stopKeepAlive();
            return complete(inv, OpType.FAIL, null, "granted, but the lock key " + text(key) + " was gone when read back"
                    + " (lease expired in between)");
        }
        lockKey = key;
        return complete(inv, OpType.OK, r.getKvs().getFirst().getCreateRevision(), null);
    }

    private Op release(Op inv) throws Exception {
        ByteSequence k = lockKey;
        if (k == null) return complete(inv, OpType.FAIL, null, "not-holder");
        lockKey = null;
        lease.stopKeepAlive();
        await(locks.unlock(k));
        await(lease.revoke().exceptionally(t -> null)); // an expired lease is already gone
        return complete(inv, OpType.OK, null, null);
    }

    @Override
    protected boolean holds() {
        return lockKey != null;
    }

    @Override
    public void close() {
        lockKey = null;
        super.close();
    }
}
