package io.faultline.stores.etcd;

import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.stores.SnapshotTxn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        return SnapshotTxn.appends(op.value());
    }

    @Override
    protected Op run(Op inv) throws Exception {
        SnapshotTxn txn;
        try {
            txn = SnapshotTxn.parse(inv, key -> true);
        } catch (IllegalArgumentException e) {
            return complete(inv, OpType.FAIL, inv.value(), e.getMessage());
        }
        List<String> keys = txn.keys();
        io.etcd.jetcd.op.Op[] gets = new io.etcd.jetcd.op.Op[keys.size()];
        for (int i = 0; i < keys.size(); i++) gets[i] = io.etcd.jetcd.op.Op.get(bytes(keys.get(i)), GetOption.DEFAULT);
        TxnResponse snapshot = await(kv.txn().Then(gets).commit());
        Map<String, List<Object>> lists = new LinkedHashMap<>();
        Map<String, Long> revisions = new LinkedHashMap<>();
        List<GetResponse> got = snapshot.getGetResponses();
        for (int i = 0; i < keys.size(); i++) {
            List<KeyValue> kvs = got.get(i).getKvs();
            revisions.put(keys.get(i), kvs.isEmpty() ? 0L : kvs.getFirst().getModRevision());
            lists.put(keys.get(i), kvs.isEmpty() ? new ArrayList<>() : SnapshotTxn.split(text(kvs.getFirst().getValue()), Values::fromStore));
        }
        SnapshotTxn.Applied applied = txn.apply(lists);
        if (applied.written().isEmpty()) return complete(inv, OpType.OK, applied.completion(), null);
        Cmp[] guards = new Cmp[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            guards[i] = new Cmp(bytes(keys.get(i)), Cmp.Op.EQUAL, CmpTarget.modRevision(revisions.get(keys.get(i))));
        }
        io.etcd.jetcd.op.Op[] puts = new io.etcd.jetcd.op.Op[applied.written().size()];
        int i = 0;
        for (String key : applied.written()) {
            puts[i++] = io.etcd.jetcd.op.Op.put(bytes(key), bytes(SnapshotTxn.join(lists.get(key))), PutOption.DEFAULT);
        }
        TxnResponse r = await(kv.txn().If(guards).Then(puts).commit());
        if (!r.isSucceeded()) return complete(inv, OpType.FAIL, inv.value(), "conflict: a touched key changed since the snapshot");
        return complete(inv, OpType.OK, applied.completion(), null);
    }
}
