package io.faultline.stores.etcd;

import io.etcd.jetcd.Election;
import io.etcd.jetcd.Lease;
import io.etcd.jetcd.election.LeaderKey;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.support.CloseableClient;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * etcd's election API with a lease per campaign: acquire grants a lease (TTL {@code lease-ttl-s}),
 * keeps it alive, and campaigns; the fencing token is the revision of the leader key. hold is the
 * client's own belief, as an application holding leadership would have it: acknowledged while the
 * last keep-alive answer is younger than the TTL. release resigns and revokes the lease. A
 * campaign not won within the op deadline is withdrawn by revoking the lease: fail when the revoke
 * went through, info when it did not.
 */
final class EtcdElectionClient extends EtcdClient {
    private final long ttlSeconds;
    private Election election;
    private Lease leases;
    private long lease;
    private CloseableClient keepAlive;
    private volatile long aliveUntilNanos;
    private LeaderKey leader;

    EtcdElectionClient(EtcdDb db, EtcdConnections connections, Duration timeout, ReadMode readMode, long ttlSeconds) {
        super(db, connections, timeout, readMode);
        this.ttlSeconds = ttlSeconds;
    }

    @Override
    public void open(io.faultline.env.Node target) throws Exception {
        super.open(target);
        election = etcd.getElectionClient();
        leases = etcd.getLeaseClient();
    }

    @Override
    protected boolean mutates(Op op) {
        return !op.f().equals("hold");
    }

    @Override
    protected Op run(Op inv) throws Exception {
        return switch (inv.f()) {
            case "acquire" -> acquire(inv);
            case "hold" -> hold(inv);
            case "release" -> release(inv);
            default -> complete(inv, OpType.FAIL, inv.value(), "etcd election client has no op '" + inv.f() + "'");
        };
    }

    private Op hold(Op inv) {
        if (leader == null) return complete(inv, OpType.FAIL, null, "not-leader");
        if (System.nanoTime() < aliveUntilNanos) return complete(inv, OpType.OK, leader.getRevision(), null);
        // By our own clock the lease is gone, and with it (on the server) our leader key: we are no
        // longer leader, and a later acquire must campaign again rather than reuse the old token.
        leader = null;
        stopKeepAlive();
        return complete(inv, OpType.FAIL, null, "lease-expired");
    }

    private Op acquire(Op inv) throws Exception {
        if (leader != null) return complete(inv, OpType.OK, leader.getRevision(), null);
        lease = await(leases.grant(ttlSeconds)).getID();
        aliveUntilNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(ttlSeconds);
        keepAlive = leases.keepAlive(lease, new StreamObserver<>() {
            @Override
            public void onNext(LeaseKeepAliveResponse r) {
                // The lease lives TTL seconds from the leader's answer; counting from our receipt is
                // the client's (slightly optimistic) view, which is exactly what a holder acts on.
                if (r.getTTL() > 0) aliveUntilNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(r.getTTL());
                else aliveUntilNanos = 0;
            }

            @Override
            public void onError(Throwable t) {
                // keep the last deadline: the lease may live until then
            }

            @Override
            public void onCompleted() {
            }
        });
        try {
            leader = await(election.campaign(bytes(inv.key()), lease, bytes("p" + inv.process()))).getLeader();
            return complete(inv, OpType.OK, leader.getRevision(), null);
        } catch (TimeoutException e) {
            return withdraw(inv, "not elected within " + timeout.toMillis() + " ms");
        }
    }

    /** Gives up a campaign by revoking its lease, which deletes the candidate key. */
    private Op withdraw(Op inv, String why) {
        stopKeepAlive();
        try {
            await(leases.revoke(lease));
            return complete(inv, OpType.FAIL, null, why + "; candidacy withdrawn");
        } catch (Exception e) {
            return complete(inv, OpType.INFO, null, why + "; withdrawing failed: " + EtcdErrors.classify(e, true).error());
        }
    }

    private Op release(Op inv) throws Exception {
        if (leader == null) return complete(inv, OpType.FAIL, null, "not-leader");
        LeaderKey k = leader;
        leader = null;
        stopKeepAlive();
        await(election.resign(k));
        await(leases.revoke(lease));
        return complete(inv, OpType.OK, k.getRevision(), null);
    }

    private void stopKeepAlive() {
        if (keepAlive != null) keepAlive.close();
        keepAlive = null;
        aliveUntilNanos = 0;
    }

    @Override
    public void close() {
        stopKeepAlive();
        super.close();
    }
}
