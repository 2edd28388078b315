package io.faultline.stores.zookeeper;

import io.faultline.client.Client;
import io.faultline.client.Freeze;
import io.faultline.env.Node;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.RetryNTimes;

/**
 * ZooKeeper's lock recipe as applications use it: Apache Curator's {@link InterProcessMutex}
 * (ephemeral sequential znodes under {@code /faultline/lock/<name>}; the lowest holds the lock, the
 * rest watch their predecessor). One Curator session per client, pinned to its node. The fencing
 * token is the sequence number of the holder's znode, which the parent hands out in increasing
 * order. An acquire not granted within twice the session timeout gives up (Curator deletes its
 * znode): fail. Any exception from Curator during acquire or release is info: the znode may exist,
 * and the retired client's session close removes it.
 *
 * <p>The holder follows Curator's advice for its locks: a ConnectionStateListener, and a SUSPENDED
 * or LOST connection means the lock may be gone (the session can expire on the servers while this
 * client cannot reach them, and the ephemeral znode with it). Once either was reported after the
 * acquire (counted from the acquire's invocation), the holder no longer counts on the lock, even
 * after a RECONNECTED (stricter than needed, never less safe). While connected, it counts on its
 * session for at most a third of the negotiated session timeout ahead: a connected ZooKeeper
 * client has heard from its server within two thirds of it (it declares the connection lost after
 * that), and the server expires the session only a whole timeout after it last heard from the
 * client.
 *
 * <p>A client pause cannot be applied here: ZooKeeper's client pings from its own threads, which
 * nothing outside it can stop without closing the session, and closing it would release the lock,
 * not pause its holder. {@link #freeze} says so, and the client-pause fault records it unverified.
 */
final class ZookeeperLockClient implements Client {
    private static final String DIR = ZookeeperClient.ROOT + "/lock";

    /** Exposes the holder's znode path, which Curator keeps protected. */
    private static final class Mutex extends InterProcessMutex {
        Mutex(CuratorFramework curator, String path) {
            super(curator, path);
        }

        String lockPath() {
            return getLockPath();
        }
    }

    private final ZookeeperDb db;
    private final Duration sessionTimeout;
    private CuratorFramework curator;
    private String node;
    private Mutex mutex;
    private volatile boolean holding;
    private final AtomicLong suspensions = new AtomicLong(); // SUSPENDED or LOST reports so far
    private volatile long suspensionsAtAcquire;

    ZookeeperLockClient(ZookeeperDb db, Duration sessionTimeout) {
        this.db = db;
        this.sessionTimeout = sessionTimeout;
    }

    @Override
    public void open(Node target) throws Exception {
        node = target.name();
        int session = (int) sessionTimeout.toMillis();
        CuratorFramework c = CuratorFrameworkFactory.newClient(db.clientAddress(target), session, session, new RetryNTimes(2, 100));
        c.getConnectionStateListenable().addListener((client, state) -> {
            if (state == ConnectionState.SUSPENDED || state == ConnectionState.LOST) suspensions.incrementAndGet();
        });
        c.start();
        if (!c.blockUntilConnected(10, TimeUnit.SECONDS)) {
            c.close();
            throw new IllegalStateException("no ZooKeeper session with " + node + " (" + db.clientAddress(target) + ") within 10 s");
        }
        curator = c;
    }

    @Override
    public Op invoke(Op inv) {
        if (curator == null) return complete(inv, OpType.FAIL, null, "client not open");
        if (inv.key() == null || inv.key().contains("/")) return complete(inv, OpType.FAIL, null, "lock ops need a name without '/'");
        try {
            return switch (inv.f()) {
                case "acquire" -> acquire(inv);
                case "release" -> release(inv);
                default -> complete(inv, OpType.FAIL, null, "zookeeper lock client has no op '" + inv.f() + "'");
            };
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            ZookeeperErrors.Outcome o = ZookeeperErrors.classify(e, true);
            // A certain failure from the server still leaves Curator's own state unknown to us: info.
            return complete(inv, OpType.INFO, null, inv.f() + ": " + o.error());
        }
    }

    private Op acquire(Op inv) throws Exception {
        if (holding) return complete(inv, OpType.FAIL, null, "already holds the lock");
        if (mutex == null) mutex = new Mutex(curator, DIR + "/" + inv.key());
        long wait = 2 * sessionTimeout.toMillis();
        long before = suspensions.get();
        if (!mutex.acquire(wait, TimeUnit.MILLISECONDS)) {
            return complete(inv, OpType.FAIL, null, "not granted within " + wait + " ms (request withdrawn)");
        }
        suspensionsAtAcquire = before;
        holding = true;
        String path = mutex.lockPath();
        return complete(inv, OpType.OK, sequence(path), null);
    }

    private static Long sequence(String path) {
        int i = path.length();
        while (i > 0 && Character.isDigit(path.charAt(i - 1))) i--;
        return i == path.length() ? null : Long.parseLong(path.substring(i));
    }

    private Op release(Op inv) throws Exception {
        if (!holding) return complete(inv, OpType.FAIL, null, "not-holder");
        holding = false;
        mutex.release();
        return complete(inv, OpType.OK, null, null);
    }

    private Op complete(Op inv, OpType type, Object value, String error) {
        return new Op(inv.index(), inv.time(), inv.process(), type, inv.f(), inv.key(), value, node, error);
    }

    @Override
    public boolean holdsLease() {
        return holding;
    }

    @Override
    public Optional<String> lockLostWithin(Duration ahead) {
        if (!holding) return Optional.of("not-holder");
        long lost = suspensions.get() - suspensionsAtAcquire;
        if (lost > 0) {
            return Optional.of("the connection was SUSPENDED or LOST " + lost + " time(s) since the lock was acquired"
                    + " (Curator: the lock may be gone)");
        }
        CuratorFramework c = curator;
        if (c == null || !c.getZookeeperClient().isConnected()) return Optional.of("not connected to ZooKeeper");
        int negotiated; // the servers cap the session timeout (maxSessionTimeout), so ask what was agreed
        try {
            negotiated = c.getZookeeperClient().getZooKeeper().getSessionTimeout();
        } catch (Exception e) {
            return Optional.of("no ZooKeeper handle: " + e.getMessage());
        }
        Duration counted = Duration.ofMillis(negotiated / 3);
        if (ahead.compareTo(counted) >= 0) {
            return Optional.of("a connected client counts on its session for " + counted.toMillis() + " ms (a third of the"
                    + " negotiated session timeout of " + negotiated + " ms), not the " + ahead.toMillis() + " ms needed");
        }
        return Optional.empty();
    }

    @Override
    public Freeze freeze() {
        return Freeze.refused("the ZooKeeper client pings from its own threads, which cannot be stopped without closing"
                + " the session (which would release the lock, not pause its holder)");
    }

    @Override
    public void close() {
        holding = false;
        if (curator != null) curator.close();
        curator = null;
    }
}
