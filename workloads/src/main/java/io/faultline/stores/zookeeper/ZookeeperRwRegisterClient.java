package io.faultline.stores.zookeeper;

import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.stores.RegisterTxn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Register transactions (Elle's rw-register) as ZooKeeper multis with version checks, the way
 * {@link ZookeeperAppendClient} runs list-appends: every key is a znode under
 * {@code /faultline/rw} (created empty, which reads as absent, on first touch), read with its
 * version (after a sync in linearizable mode); the micro-ops run on those values in order; one
 * multi then checks every touched znode's version and sets the written ones, so it commits only if
 * nothing touched changed since the reads (read-only transactions run the checks too, which makes
 * the reads one snapshot). A failed check means another transaction committed in between: fail.
 */
final class ZookeeperRwRegisterClient extends ZookeeperClient {
    private static final String DIR = ROOT + "/rw";
    private final Set<String> known = new java.util.HashSet<>();

    ZookeeperRwRegisterClient(ZookeeperDb db, Duration sessionTimeout, boolean syncReads) {
        super(db, sessionTimeout, syncReads);
    }

    @Override
    protected boolean mutates(Op op) {
        return RegisterTxn.writes(op.value());
    }

    @Override
    protected Op run(Op inv) throws Exception {
        RegisterTxn txn;
        try {
            txn = RegisterTxn.parse(inv, key -> !key.contains("/"));
        } catch (IllegalArgumentException e) {
            return complete(inv, OpType.FAIL, inv.value(), e.getMessage());
        }
        List<String> touched = txn.keys();
        for (String k : touched) {
            if (known.add(k)) ensurePath(DIR + "/" + k);
        }
        if (syncReads) sync(DIR);
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Integer> versions = new LinkedHashMap<>();
        for (String k : touched) {
            Stat stat = new Stat();
            byte[] data = zk.getData(DIR + "/" + k, false, stat);
            versions.put(k, stat.getVersion());
            values.put(k, value(data));
        }
        RegisterTxn.Applied applied = txn.apply(values);
        Set<String> written = applied.written();
        List<org.apache.zookeeper.Op> ops = new ArrayList<>();
        for (String k : touched) {
            String path = DIR + "/" + k;
            ops.add(written.contains(k)
                    ? org.apache.zookeeper.Op.setData(path, bytes(values.get(k)), versions.get(k))
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
