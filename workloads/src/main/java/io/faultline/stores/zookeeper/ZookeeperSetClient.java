package io.faultline.stores.zookeeper;

import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;

/**
 * add creates {@code /faultline/set/<key>/<element>}; read lists the children (after {@code sync}
 * in linearizable mode). A create that finds its element already there was applied by an earlier
 * attempt of the same add, so it counts as done.
 */
final class ZookeeperSetClient extends ZookeeperClient {
    ZookeeperSetClient(ZookeeperDb db, Duration sessionTimeout, boolean syncReads) {
        super("set", db, sessionTimeout, syncReads);
    }

    @Override
    protected boolean mutates(Op op) {
        return op.f().equals("add");
    }

    @Override
    protected Op run(Op inv) throws Exception {
        if (inv.key() == null || inv.key().contains("/")) return complete(inv, OpType.FAIL, inv.value(), "set ops need a key without '/'");
        String elements = dir + "/" + inv.key();
        return switch (inv.f()) {
            case "add" -> {
                ensurePathOnce(elements);
                try {
                    zk.create(elements + "/" + inv.value(), bytes(inv.value()), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                } catch (KeeperException.NodeExistsException e) {
                    // applied before
                }
                yield complete(inv, OpType.OK, inv.value(), null);
            }
            case "read" -> {
                if (syncReads) sync(elements);
                List<Object> read = new ArrayList<>();
                try {
                    for (String child : zk.getChildren(elements, false)) read.add(value(child.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                } catch (KeeperException.NoNodeException e) {
                    // nothing added yet
                }
                yield complete(inv, OpType.OK, read, null);
            }
            default -> complete(inv, OpType.FAIL, inv.value(), "zookeeper set client has no op '" + inv.f() + "'");
        };
    }
}
