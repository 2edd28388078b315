package io.faultline.stores.zookeeper;

import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.stores.SnapshotTxn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * List-append transactions as ZooKeeper multis with version checks: every key is a znode under
 * {@code /faultline/append} (created empty on first touch), read with its version (after a sync in
 * linearizable mode); the micro-ops are applied to those lists in order; then one multi checks
 * the version of every touched znode and sets the appended ones, so it commits only if nothing
 * touched changed since the reads. Read-only transactions run the multi too (checks only): it
 * goes through the leader and makes the separate reads one atomic snapshot. A failed check means
 * another transaction committed in between: fail, nothing written.
 */
final class ZookeeperAppendClient extends ZookeeperClient {
    private static final String DIR = ROOT + "/append";
    private final Set<String> known = new java.util.HashSet<>();

    ZookeeperAppendClient(ZookeeperDb db, Duration sessionTimeout, boolean syncReads) {
        super(db, sessionTimeout, syncReads);
    }

    @Override
    protected boolean mutates(Op op) {
        return SnapshotTxn.appends(op.value());
    }

    @Override
    protected Op run(Op inv) throws Exception {
        SnapshotTxn txn;
        try {
            txn = SnapshotTxn.parse(inv, key -> !key.contains("/"));
        } catch (IllegalArgumentException e) {
            return complete(inv, OpType.FAIL, inv.value(), e.getMessage());
        }
        for (String k : txn.keys()) {
            if (known.add(k)) ensurePath(DIR + "/" + k);
        }
        if (syncReads) sync(DIR);
        Map<String, List<Object>> lists = new LinkedHashMap<>();
        Map<String, Integer> versions = new LinkedHashMap<>();
        for (String k : txn.keys()) {
            Stat stat = new Stat();
            byte[] data = zk.getData(DIR + "/" + k, false, stat);
            versions.put(k, stat.getVersion());
            lists.put(k, SnapshotTxn.split(data == null ? "" : new String(data, StandardCharsets.UTF_8),
                    e -> value(e.getBytes(StandardCharsets.UTF_8))));
        }
        SnapshotTxn.Applied applied = txn.apply(lists);
        List<org.apache.zookeeper.Op> ops = new ArrayList<>();
        for (String k : txn.keys()) {
            String path = DIR + "/" + k;
            ops.add(applied.written().contains(k)
                    ? org.apache.zookeeper.Op.setData(path, bytes(SnapshotTxn.join(lists.get(k))), versions.get(k))
                    : org.apache.zookeeper.Op.check(path, versions.get(k)));
        }
        try {
            zk.multi(ops);
        } catch (KeeperException.BadVersionException e) {
            return complete(inv, OpType.FAIL, inv.value(), "conflict: a touched key changed since it was read");
        }
        return complete(inv, OpType.OK, applied.completion(), null);
    }
}
