package io.faultline.stores.zookeeper;

import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.stores.OptimisticTxn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * List-append and rw-register transactions ({@link OptimisticTxn}) as ZooKeeper multis with
 * version checks: every key is a znode under the kind's folder (created empty on first touch),
 * read with its version (after a sync in linearizable mode); the micro-ops run on those values;
 * then one multi checks the version of every touched znode and sets the written ones, so it
 * commits only if nothing touched changed since the reads. Read-only transactions run the multi
 * too (checks only): it goes through the leader and makes the separate reads one atomic snapshot.
 * A failed check means another transaction committed in between: fail, nothing written.
 */
final class ZookeeperTxnClient extends ZookeeperClient {
    private final OptimisticTxn.Kind kind;

    /** @param folder the kind's znode folder under faultline's root, e.g. "append" */
    ZookeeperTxnClient(OptimisticTxn.Kind kind, String folder, ZookeeperDb db, Duration sessionTimeout, boolean syncReads) {
        super(folder, db, sessionTimeout, syncReads);
        this.kind = kind;
    }

    @Override
    protected boolean mutates(Op op) {
        return kind.mutates(op.value());
    }

    @Override
    protected Op run(Op inv) throws Exception {
        OptimisticTxn txn;
        try {
            txn = kind.parse(inv, key -> !key.contains("/"));
        } catch (IllegalArgumentException e) {
            return complete(inv, OpType.FAIL, inv.value(), e.getMessage());
        }
        for (String k : txn.keys()) ensurePathOnce(dir + "/" + k);
        if (syncReads) sync(dir);
        Map<String, String> stored = new LinkedHashMap<>();
        Map<String, Integer> versions = new LinkedHashMap<>();
        for (String k : txn.keys()) {
            Stat stat = new Stat();
            byte[] data = zk.getData(dir + "/" + k, false, stat);
            versions.put(k, stat.getVersion());
            stored.put(k, data == null ? null : new String(data, StandardCharsets.UTF_8));
        }
        OptimisticTxn.Outcome outcome = txn.run(stored);
        List<org.apache.zookeeper.Op> ops = new ArrayList<>();
        for (String k : txn.keys()) {
            String path = dir + "/" + k;
            String written = outcome.writes().get(k);
            ops.add(written != null
                    ? org.apache.zookeeper.Op.setData(path, bytes(written), versions.get(k))
                    : org.apache.zookeeper.Op.check(path, versions.get(k)));
        }
        try {
            zk.multi(ops);
        } catch (KeeperException.BadVersionException e) {
            return complete(inv, OpType.FAIL, inv.value(), "conflict: a touched key changed since it was read");
        }
        return complete(inv, OpType.OK, outcome.completion(), null);
    }
}
