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
import io.faultline.stores.OptimisticTxn;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * List-append and rw-register transactions as optimistic etcd txns ({@link OptimisticTxn}): one
 * txn reads every key the transaction touches (an atomic snapshot, with each key's mod revision);
 * the micro-ops run on that snapshot; if anything was written, a second txn puts the written keys
 * only if every touched key still has its snapshot mod revision (absent keys compare as revision
 * 0). A failed guard means another transaction committed in between: fail, nothing written.
 */
final class EtcdTxnClient extends EtcdClient {
    private final OptimisticTxn.Kind kind;

    EtcdTxnClient(OptimisticTxn.Kind kind, EtcdDb db, EtcdConnections connections, Duration timeout, ReadMode readMode) {
        super(db, connections, timeout, readMode);
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
            txn = kind.parse(inv, key -> true);
        } catch (IllegalArgumentException e) {
            return complete(inv, OpType.FAIL, inv.value(), e.getMessage());
        }
        List<String> keys = txn.keys();
        io.etcd.jetcd.op.Op[] gets = new io.etcd.jetcd.op.Op[keys.size()];
        for (int i = 0; i < keys.size(); i++) gets[i] = io.etcd.jetcd.op.Op.get(bytes(keys.get(i)), GetOption.DEFAULT);
        TxnResponse snapshot = await(kv.txn().Then(gets).commit());
        Map<String, String> stored = new LinkedHashMap<>();
        Cmp[] guards = new Cmp[keys.size()];
        List<GetResponse> got = snapshot.getGetResponses();
        for (int i = 0; i < keys.size(); i++) {
            List<KeyValue> kvs = got.get(i).getKvs();
            stored.put(keys.get(i), kvs.isEmpty() ? null : text(kvs.getFirst().getValue()));
            long revision = kvs.isEmpty() ? 0L : kvs.getFirst().getModRevision();
            guards[i] = new Cmp(bytes(keys.get(i)), Cmp.Op.EQUAL, CmpTarget.modRevision(revision));
        }
        OptimisticTxn.Outcome outcome = txn.run(stored);
        if (outcome.writes().isEmpty()) return complete(inv, OpType.OK, outcome.completion(), null);
        io.etcd.jetcd.op.Op[] puts = new io.etcd.jetcd.op.Op[outcome.writes().size()];
        int i = 0;
        for (Map.Entry<String, String> w : outcome.writes().entrySet()) {
            puts[i++] = io.etcd.jetcd.op.Op.put(bytes(w.getKey()), bytes(w.getValue()), PutOption.DEFAULT);
        }
        TxnResponse r = await(kv.txn().If(guards).Then(puts).commit());
        if (!r.isSucceeded()) return complete(inv, OpType.FAIL, inv.value(), "conflict: a touched key changed since the snapshot");
        return complete(inv, OpType.OK, outcome.completion(), null);
    }
}
