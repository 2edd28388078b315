package io.faultline.stores.etcd;

import io.etcd.jetcd.Election;
import io.etcd.jetcd.election.LeaderKey;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * etcd's election API with a lease per campaign: acquire grants a lease (TTL {@code lease-ttl-s}),
 * keeps it alive, and campaigns; the fencing token is the revision of the leader key. hold is the
 * client's own belief, as an application holding leadership would have it: acknowledged while the
 * lease lives by its own clock ({@link EtcdLease}: the send time of the last acknowledged
 * keep-alive + TTL - margin). release resigns and revokes the lease. A
 * campaign not won within the op deadline is withdrawn by revoking the lease: fail when the revoke
 * went through, info when it did not.
 */
final class EtcdElectionClient extends EtcdLeasedClient {
    private Election election;
    private LeaderKey leader;

    EtcdElectionClient(EtcdDb db, EtcdConnections connections, Duration timeout, ReadMode readMode, long ttlSeconds,
                       Duration margin) {
        super(db, connections, timeout, readMode, ttlSeconds, margin);
    }

    @Override
    public void open(io.faultline.env.Node target) throws Exception {
        super.open(target);
        election = etcd.getElectionClient();
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
        Optional<String> lost = lease.endsWithin(Duration.ZERO);
        if (lost.isEmpty()) return complete(inv, OpType.OK, leader.getRevision(), null);
        // By our own clock the lease is gone, and with it (on the server) our leader key: we are no
        // longer leader, and a later acquire must campaign again rather than reuse the old token.
        leader = null;
        lease.stopKeepAlive();
        return complete(inv, OpType.FAIL, null, "lease-expired: " + lost.get());
    }

    private Op acquire(Op inv) throws Exception {
        if (leader != null) return complete(inv, OpType.OK, leader.getRevision(), null);
        grantLease();
        try {
            leader = await(election.campaign(bytes(inv.key()), lease.id(), bytes("p" + inv.process()))).getLeader();
            return complete(inv, OpType.OK, leader.getRevision(), null);
        } catch (TimeoutException e) {
            return withdraw(inv, "not elected within " + timeout.toMillis() + " ms", "candidacy withdrawn");
        }
    }

    @Override
    protected boolean holds() {
        return leader != null;
    }

    private Op release(Op inv) throws Exception {
        if (leader == null) return complete(inv, OpType.FAIL, null, "not-leader");
        LeaderKey k = leader;
        leader = null;
        lease.stopKeepAlive();
        await(election.resign(k));
        await(lease.revoke());
        return complete(inv, OpType.OK, k.getRevision(), null);
    }
}
