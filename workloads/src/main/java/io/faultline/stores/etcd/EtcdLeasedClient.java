package io.faultline.stores.etcd;

import io.faultline.env.Node;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.time.Duration;

/**
 * A client that acts under an etcd lease of its own (the lock and election clients): the lease is
 * made when the client opens, its keep-alives end when the client closes, and a request that waited
 * too long is withdrawn by revoking it.
 */
abstract class EtcdLeasedClient extends EtcdClient {
    protected final long ttlSeconds;
    protected EtcdLease lease;

    EtcdLeasedClient(EtcdDb db, EtcdConnections connections, Duration timeout, ReadMode readMode, long ttlSeconds) {
        super(db, connections, timeout, readMode);
        this.ttlSeconds = ttlSeconds;
    }

    @Override
    public void open(Node target) throws Exception {
        super.open(target);
        lease = new EtcdLease(etcd.getLeaseClient(), ttlSeconds);
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
    public void close() {
        if (lease != null) lease.stopKeepAlive();
        super.close();
    }
}
