package io.faultline.stores.zookeeper;

import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
        if (!(op.value() instanceof List<?> micro)) return false;
        for (Object m : micro) if (m instanceof List<?> l && !l.isEmpty() && "append".equals(l.getFirst())) return true;
        return false;
    }

    @Override
    protected Op run(Op inv) throws Exception {
        if (!inv.f().equals("txn") || !(inv.value() instanceof List<?> micro)) {
            return complete(inv, OpType.FAIL, inv.value(), "append ops are txn with a list of micro-ops");
        }
        Set<String> touched = new LinkedHashSet<>();
        for (Object m : micro) {
            if (!(m instanceof List<?> l) || l.size() != 3 || !(l.get(1) instanceof String k) || k.contains("/")) {
                return complete(inv, OpType.FAIL, inv.value(), "malformed micro-op " + m);
            }
            touched.add(k);
        }
        for (String k : touched) {
            if (known.add(k)) ensurePath(DIR + "/" + k);
        }
        if (syncReads) sync(DIR);
        Map<String, List<Object>> lists = new LinkedHashMap<>();
        Map<String, Integer> versions = new LinkedHashMap<>();
        for (String k : touched) {
            Stat stat = new Stat();
            byte[] data = zk.getData(DIR + "/" + k, false, stat);
            versions.put(k, stat.getVersion());
            lists.put(k, decode(data));
        }
        List<Object> result = new ArrayList<>(micro.size());
        Set<String> written = new LinkedHashSet<>();
        for (Object m : micro) {
            List<?> l = (List<?>) m;
            String key = (String) l.get(1);
            if ("append".equals(l.getFirst())) {
                lists.get(key).add(l.get(2));
                written.add(key);
                result.add(l);
            } else {
                result.add(Arrays.asList("r", key, new ArrayList<>(lists.get(key))));
            }
        }
        List<org.apache.zookeeper.Op> ops = new ArrayList<>();
        for (String k : touched) {
            String path = DIR + "/" + k;
            ops.add(written.contains(k)
                    ? org.apache.zookeeper.Op.setData(path, encode(lists.get(k)), versions.get(k))
                    : org.apache.zookeeper.Op.check(path, versions.get(k)));
        }
        try {
            zk.multi(ops);
        } catch (KeeperException.BadVersionException e) {
            return complete(inv, OpType.FAIL, inv.value(), "conflict: a touched key changed since it was read");
        }
        return complete(inv, OpType.OK, result, null);
    }

    private static List<Object> decode(byte[] data) {
        List<Object> out = new ArrayList<>();
        if (data == null || data.length == 0) return out;
        for (String e : new String(data, StandardCharsets.UTF_8).split(",")) out.add(value(e.getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    private static byte[] encode(List<Object> list) {
        StringBuilder b = new StringBuilder();
        for (Object o : list) {
            if (!b.isEmpty()) b.append(',');
            b.append(o);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
