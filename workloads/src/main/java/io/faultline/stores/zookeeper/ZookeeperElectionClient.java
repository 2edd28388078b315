package io.faultline.stores.zookeeper;

import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.Stat;

/**
 * ZooKeeper's standard election recipe: each candidate creates an ephemeral sequential znode
 * under {@code /faultline/election/<name>}, leads when its znode has the lowest sequence number,
 * and otherwise watches its predecessor only (no herd effect). The fencing token is the sequence
 * number, which the parent hands out in increasing order. hold is the client's own belief, as
 * the recipe prescribes: acknowledged while the session is connected (on Disconnected a leader
 * must assume it may have lost its znode). release deletes the znode. A candidacy not elected
 * within the session timeout is withdrawn by deleting the znode: fail when the delete went
 * through, info when it did not.
 */
final class ZookeeperElectionClient extends ZookeeperClient {
    private volatile boolean connected = true;
    private String candidate;
    private Long token;

    ZookeeperElectionClient(ZookeeperDb db, Duration sessionTimeout, boolean syncReads) {
        super("election", db, sessionTimeout, syncReads);
    }

    @Override
    public void open(io.faultline.env.Node target) throws Exception {
        super.open(target);
        zk.register(e -> {
            if (e.getType() == Watcher.Event.EventType.None) {
                connected = e.getState() == Watcher.Event.KeeperState.SyncConnected;
            }
        });
    }

    @Override
    protected boolean mutates(Op op) {
        return !op.f().equals("hold");
    }

    @Override
    protected Op run(Op inv) throws Exception {
        if (inv.key() == null || inv.key().contains("/")) return complete(inv, OpType.FAIL, null, "election ops need a name without '/'");
        String candidates = dir + "/" + inv.key();
        return switch (inv.f()) {
            case "acquire" -> acquire(inv, candidates);
            case "hold" -> token != null && connected
                    ? complete(inv, OpType.OK, token, null)
                    : complete(inv, OpType.FAIL, null, token == null ? "not-leader" : "disconnected");
            case "release" -> {
                if (token == null) yield complete(inv, OpType.FAIL, null, "not-leader");
                long t = token;
                token = null;
                String c = candidate;
                candidate = null;
                zk.delete(c, -1);
                yield complete(inv, OpType.OK, t, null);
            }
            default -> complete(inv, OpType.FAIL, inv.value(), "zookeeper election client has no op '" + inv.f() + "'");
        };
    }

    private Op acquire(Op inv, String candidates) throws Exception {
        if (token != null) return complete(inv, OpType.OK, token, null);
        if (candidate == null) {
            ensurePath(candidates);
            candidate = zk.create(candidates + "/n_", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
        }
        String mine = candidate.substring(candidate.lastIndexOf('/') + 1);
        long deadline = System.nanoTime() + sessionTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> children = new ArrayList<>(zk.getChildren(candidates, false));
            Collections.sort(children);
            int at = children.indexOf(mine);
            if (at < 0) return complete(inv, OpType.INFO, null, "candidate znode " + candidate + " vanished (session expired?)");
            if (at == 0) {
                token = Long.parseLong(mine.substring(2));
                return complete(inv, OpType.OK, token, null);
            }
            CountDownLatch gone = new CountDownLatch(1);
            Stat s = zk.exists(candidates + "/" + children.get(at - 1), e -> gone.countDown());
            if (s != null) gone.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        try {
            zk.delete(candidate, -1);
            candidate = null;
            return complete(inv, OpType.FAIL, null, "not elected within " + sessionTimeout.toMillis() + " ms; candidacy withdrawn");
        } catch (KeeperException | InterruptedException e) {
            return complete(inv, OpType.INFO, null, "not elected in time; withdrawing failed: " + e.getMessage());
        }
    }
}
