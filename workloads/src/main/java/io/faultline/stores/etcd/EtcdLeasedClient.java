package io.faultline.stores.etcd;

import io.faultline.client.Freeze;
import io.faultline.env.Node;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.time.Duration;
import java.util.Optional;

/**
 * A client that acts under an etcd lease of its own (the lock and election clients): the lease is
 * made when the client opens, its keep-alives end when the client closes, and a request that waited
 * too long is withdrawn by revoking it. Whether it still holds is its own clock's answer
 * ({@link EtcdLease#endsWithin}); a freeze stops its keep-alives (a paused process renews nothing)
 * and the thaw restarts them, late, as a resumed process would.
 */
abstract class EtcdLeasedClient extends EtcdClient {
    protected final long ttlSeconds;
    private final Duration margin;
    protected EtcdLease lease;

    EtcdLeasedClient(EtcdDb db, EtcdConnections connections, Duration timeout, ReadMode readMode, long ttlSeconds,
                     Duration margin) {
        super(db, connections, timeout, readMode);
        this.ttlSeconds = ttlSeconds;
        this.margin = margin;
    }

    @Override
    public void open(Node target) throws Exception {
        super.open(target);
        lease = new EtcdLease(etcd.getLeaseClient(), ttlSeconds, margin);
    }

    /** Whether this client believes it holds the lock or the leadership (before asking its clock). */
    protected abstract boolean holds();

    /** Grants a fresh lease and keeps it alive; its id is then {@code lease.id()}. */
    protected void grantLease() throws Exception {
        lease.keepAlive(await(lease.grant()));
    }

    /**
     * Gives up a lock request or a candidacy by revoking the lease, which deletes its key: fail when
     * the revoke went through, info when it did not (the key may still win).
     */
    protected Op withdraw(Op inv, String why, String withdrawn) {
        lease.stopKeepAlive();
        try {
            await(lease.revoke());
            return complete(inv, OpType.FAIL, null, why + "; " + withdrawn);
        } catch (Exception e) {
            return complete(inv, OpType.INFO, null, why + "; withdrawing failed: " + EtcdErrors.classify(e, true).error());
        }
    }

    @Override
    public boolean holdsLease() {
        return holds();
    }

    @Override
    public Optional<String> lockLostWithin(Duration ahead) {
        if (!holds()) return Optional.of("not holder");
        return lease.endsWithin(ahead);
    }

    @Override
    public Freeze freeze() {
        lease.pauseKeepAlive();
        return Freeze.done("keep-alives of lease " + Long.toHexString(lease.id()) + " (TTL " + ttlSeconds + " s) stopped");
    }

    @Override
    public void thaw() {
        if (holds()) lease.resumeKeepAlive();
    }

    @Override
    public void close() {
        if (lease != null) lease.stopKeepAlive();
        super.close();
    }
}
