package io.faultline.stores.zookeeper;

import io.faultline.client.Client;
import io.faultline.env.Node;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.stores.StoredValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * The shared part of ZooKeeper clients: one session per process, pinned to one server (the
 * connect string names only that server, so the session never moves and the per-session order
 * ZooKeeper promises is the one the session checkers see), {@code sync} before reads in
 * linearizable mode, and completions built from replies or classified failures.
 */
abstract class ZookeeperClient implements Client {
    static final String ROOT = "/faultline";

    protected final ZookeeperDb db;
    protected final Duration sessionTimeout;
    protected final boolean syncReads;
    /** This client's own folder under {@link #ROOT}: each workload's znodes stay apart. */
    protected final String dir;
    private final Set<String> made = new HashSet<>();
    protected ZooKeeper zk;
    protected String node;

    /** @param folder the client's folder under {@link #ROOT}, e.g. "register" */
    ZookeeperClient(String folder, ZookeeperDb db, Duration sessionTimeout, boolean syncReads) {
        this.db = db;
        this.sessionTimeout = sessionTimeout;
        this.syncReads = syncReads;
        this.dir = ROOT + "/" + folder;
    }

    @Override
    public void open(Node target) throws Exception {
        this.node = target.name();
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper z = new ZooKeeper(db.clientAddress(target), (int) sessionTimeout.toMillis(), e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) connected.countDown();
        });
        if (!connected.await(sessionTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            z.close();
            throw new IllegalStateException("no ZooKeeper session with " + target.name() + " (" + db.clientAddress(target)
                    + ") within " + sessionTimeout.toMillis() + " ms");
        }
        this.zk = z;
    }

    @Override
    public final Op invoke(Op invocation) {
        if (zk == null) return complete(invocation, OpType.FAIL, invocation.value(), "client not open");
        try {
            return run(invocation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(invocation, e);
        } catch (Exception e) {
            return failed(invocation, e);
        }
    }

    protected abstract Op run(Op invocation) throws Exception;

    /** An expired or closed session never comes back: every later op on it would fail. */
    @Override
    public boolean spent() {
        ZooKeeper z = zk;
        return z == null || !z.getState().isAlive();
    }

    protected abstract boolean mutates(Op op);

    /** Makes the pinned server catch up with the leader, so a following read is not stale. */
    protected void sync(String path) throws KeeperException, InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        int[] rc = {0};
        zk.sync(path, (code, p, ctx) -> {
            rc[0] = code;
            done.countDown();
        }, null);
        if (!done.await(sessionTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw KeeperException.create(KeeperException.Code.OPERATIONTIMEOUT);
        }
        if (rc[0] != 0) throw KeeperException.create(KeeperException.Code.get(rc[0]), path);
    }

    /** Creates {@code path} and its parents as empty persistent znodes where missing. */
    protected void ensurePath(String path) throws KeeperException, InterruptedException {
        int slash = 0;
        while ((slash = path.indexOf('/', slash + 1)) > 0) create(path.substring(0, slash));
        create(path);
    }

    /** {@link #ensurePath} the first time this client needs {@code path}; it never deletes one. */
    protected void ensurePathOnce(String path) throws KeeperException, InterruptedException {
        if (made.contains(path)) return;
        ensurePath(path);
        made.add(path);
    }

    private void create(String p) throws KeeperException, InterruptedException {
        try {
            zk.create(p, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException e) {
            // someone else made it first
        }
    }

    protected Op complete(Op inv, OpType type, Object value, String error) {
        return new Op(inv.index(), inv.time(), inv.process(), type, inv.f(), inv.key(), value, node, error);
    }

    protected Op failed(Op inv, Throwable t) {
        ZookeeperErrors.Outcome o = ZookeeperErrors.classify(t, mutates(inv));
        return complete(inv, o.type(), inv.value(), o.error());
    }

    static byte[] bytes(Object v) {
        return String.valueOf(v).getBytes(StandardCharsets.UTF_8);
    }

    /** "3" becomes 3L; empty data (a znode made only as a parent) reads as absent. */
    static Object value(byte[] data) {
        if (data == null || data.length == 0) return null;
        return StoredValue.parse(new String(data, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        ZooKeeper z = zk;
        zk = null;
        if (z != null) {
            try {
                z.close(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
