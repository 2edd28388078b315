package io.faultline.stores.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * List-append transactions as optimistic etcd txns: one txn reads every key the transaction
 * touches (an atomic snapshot, with each key's mod revision); the micro-ops are applied to that
 * snapshot in order (so a read after an append sees it); if anything was appended, a second txn
 * writes the new lists only if every touched key still has its snapshot mod revision (absent keys
 * compare as revision 0). A failed guard means another txn committed in between: fail, nothing
 * written. Lists are stored as comma-separated values.
 */
final class EtcdAppendClient extends EtcdClient {

    EtcdAppendClient(EtcdDb db, EtcdConnections connections, Duration timeout, ReadMode readMode) {
        super(db, connections, timeout, readMode);
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
            if (!(m instanceof List<?> l) || l.size() != 3 || !(l.get(1) instanceof String)) {
                return complete(inv, OpType.FAIL, inv.value(), "malformed micro-op " + m);
            }
            touched.add((String) l.get(1));
        }
        List<String> keys = new ArrayList<>(touched);
        io.etcd.jetcd.op.Op[] gets = new io.etcd.jetcd.op.Op[keys.size()];
        for (int i = 0; i < keys.size(); i++) gets[i] = io.etcd.jetcd.op.Op.get(bytes(keys.get(i)), GetOption.DEFAULT);
        TxnResponse snapshot = await(kv.txn().Then(gets).commit());
        Map<String, List<Object>> lists = new LinkedHashMap<>();
        Map<String, Long> revisions = new LinkedHashMap<>();
        List<GetResponse> got = snapshot.getGetResponses();
        for (int i = 0; i < keys.size(); i++) {
            List<KeyValue> kvs = got.get(i).getKvs();
            revisions.put(keys.get(i), kvs.isEmpty() ? 0L : kvs.getFirst().getModRevision());
            lists.put(keys.get(i), kvs.isEmpty() ? new ArrayList<>() : decode(text(kvs.getFirst().getValue())));
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
        if (written.isEmpty()) return complete(inv, OpType.OK, result, null);
        Cmp[] guards = new Cmp[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            guards[i] = new Cmp(bytes(keys.get(i)), Cmp.Op.EQUAL, CmpTarget.modRevision(revisions.get(keys.get(i))));
        }
        io.etcd.jetcd.op.Op[] puts = new io.etcd.jetcd.op.Op[written.size()];
        int i = 0;
        for (String key : written) puts[i++] = io.etcd.jetcd.op.Op.put(bytes(key), encode(lists.get(key)), PutOption.DEFAULT);
        TxnResponse r = await(kv.txn().If(guards).Then(puts).commit());
        if (!r.isSucceeded()) return complete(inv, OpType.FAIL, inv.value(), "conflict: a touched key changed since the snapshot");
        return complete(inv, OpType.OK, result, null);
    }

    private static List<Object> decode(String s) {
        List<Object> out = new ArrayList<>();
        if (s.isEmpty()) return out;
        for (String e : s.split(",")) out.add(Values.fromStore(e));
        return out;
    }

    private static ByteSequence encode(List<Object> list) {
        StringBuilder b = new StringBuilder();
        for (Object o : list) {
            if (!b.isEmpty()) b.append(',');
            b.append(o);
        }
        return bytes(b.toString());
    }
}
