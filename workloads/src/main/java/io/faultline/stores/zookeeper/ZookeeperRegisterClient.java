package io.faultline.stores.zookeeper;

import io.faultline.history.Errors;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.Stat;

/**
 * read / write / cas on znode {@code /faultline/register/<key>}: getData (after {@code sync} in
 * linearizable mode), setData (create on first write), and a cas that reads the value and its
 * version after a sync and then sets with that version, so a concurrent write makes it fail with
 * BADVERSION instead of overwriting.
 */
final class ZookeeperRegisterClient extends ZookeeperClient {
    ZookeeperRegisterClient(ZookeeperDb db, Duration sessionTimeout, boolean syncReads) {
        super("register", db, sessionTimeout, syncReads);
    }

    @Override
    protected boolean mutates(Op op) {
        return !op.f().equals("read");
    }

    @Override
    protected Op run(Op inv) throws Exception {
        if (inv.key() == null || inv.key().contains("/")) {
            return complete(inv, OpType.FAIL, inv.value(), "register ops need a key without '/'");
        }
        String path = dir + "/" + inv.key();
        return switch (inv.f()) {
            case "read" -> read(inv, path);
            case "write" -> write(inv, path);
            case "cas" -> cas(inv, path);
            default -> complete(inv, OpType.FAIL, inv.value(), "zookeeper register client has no op '" + inv.f() + "'");
        };
    }

    private Op read(Op inv, String path) throws Exception {
        if (syncReads) sync(path);
        Stat stat = new Stat();
        try {
            Object v = value(zk.getData(path, false, stat));
            // mzxid: the zxid of the write whose value this read returned.
            return complete(inv, OpType.OK, v, null).withRevision(stat.getMzxid());
        } catch (KeeperException.NoNodeException e) {
            // Absent: the state before the key's first write.
            return complete(inv, OpType.OK, null, null).withRevision(0L);
        }
    }

    private Op write(Op inv, String path) throws Exception {
        byte[] data = bytes(inv.value());
        Stat stat;
        try {
            stat = zk.setData(path, data, -1);
        } catch (KeeperException.NoNodeException e) {
            ensurePathOnce(dir);
            try {
                stat = new Stat();
                zk.create(path, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, stat);
            } catch (KeeperException.NodeExistsException raced) {
                stat = zk.setData(path, data, -1);
            }
        }
        // The zxid this write created: ZooKeeper's own order of changes.
        return complete(inv, OpType.OK, inv.value(), null).withRevision(stat.getMzxid());
    }

    private Op cas(Op inv, String path) throws Exception {
        if (!(inv.value() instanceof List<?> pair) || pair.size() != 2) {
            return complete(inv, OpType.FAIL, inv.value(), "cas needs [expected, new]");
        }
        // Always synced: the compare below is evidence for the checker only if it saw the present.
        sync(path);
        Stat stat = new Stat();
        Object current;
        try {
            current = value(zk.getData(path, false, stat));
        } catch (KeeperException.NoNodeException e) {
            current = null;
            stat = null;
        }
        if (!Objects.equals(current, pair.get(0))) {
            return complete(inv, OpType.FAIL, inv.value(), Errors.CAS_MISMATCH).withRevision(stat == null ? 0L : stat.getMzxid());
        }
        if (stat == null) {
            // expected absent: create, which fails if anyone created it meanwhile
            ensurePathOnce(dir);
            Stat created = new Stat();
            try {
                zk.create(path, bytes(pair.get(1)), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, created);
            } catch (KeeperException.NodeExistsException e) {
                return complete(inv, OpType.FAIL, inv.value(), "node-exists: written concurrently");
            }
            return complete(inv, OpType.OK, inv.value(), null).withRevision(created.getMzxid());
        }
        Stat written;
        try {
            written = zk.setData(path, bytes(pair.get(1)), stat.getVersion());
        } catch (KeeperException.BadVersionException e) {
            return complete(inv, OpType.FAIL, inv.value(), "bad-version: written concurrently");
        }
        return complete(inv, OpType.OK, inv.value(), null).withRevision(written.getMzxid());
    }
}
