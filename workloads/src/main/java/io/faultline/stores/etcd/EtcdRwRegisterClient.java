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
import io.faultline.stores.RegisterTxn;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Register transactions (Elle's rw-register: {@code ["r", k, nil]} and {@code ["w", k, v]}) as
 * optimistic etcd txns, the way {@link EtcdAppendClient} runs list-appends: one txn reads every
 * touched key (an atomic snapshot with each key's mod revision), the micro-ops run on that snapshot
 * in order (a read after the transaction's own write sees it), and if anything was written a second
 * txn puts the written keys only if every touched key still has its snapshot mod revision. A failed
 * guard means another transaction committed in between: fail, nothing written.
 */
final class EtcdRwRegisterClient extends EtcdClient {

    EtcdRwRegisterClient(EtcdDb db, EtcdConnections connections, Duration timeout, ReadMode readMode) {
        super(db, connections, timeout, readMode);
    }

    @Override
    protected boolean mutates(Op op) {
        return RegisterTxn.writes(op.value());
    }

    @Override
    protected Op run(Op inv) throws Exception {
        RegisterTxn txn;
        try {
            txn = RegisterTxn.parse(inv, key -> true);
        } catch (IllegalArgumentException e) {
            return complete(inv, OpType.FAIL, inv.value(), e.getMessage());
        }
        List<String> keys = txn.keys();
        io.etcd.jetcd.op.Op[] gets = new io.etcd.jetcd.op.Op[keys.size()];
        for (int i = 0; i < keys.size(); i++) gets[i] = io.etcd.jetcd.op.Op.get(bytes(keys.get(i)), GetOption.DEFAULT);
        TxnResponse snapshot = await(kv.txn().Then(gets).commit());
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Long> revisions = new LinkedHashMap<>();
        List<GetResponse> got = snapshot.getGetResponses();
        for (int i = 0; i < keys.size(); i++) {
            List<KeyValue> kvs = got.get(i).getKvs();
            revisions.put(keys.get(i), kvs.isEmpty() ? 0L : kvs.getFirst().getModRevision());
            values.put(keys.get(i), kvs.isEmpty() ? null : Values.fromStore(text(kvs.getFirst().getValue())));
        }
        RegisterTxn.Applied applied = txn.apply(values);
        Set<String> written = applied.written();
        if (written.isEmpty()) return complete(inv, OpType.OK, applied.completion(), null);
        Cmp[] guards = new Cmp[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            guards[i] = new Cmp(bytes(keys.get(i)), Cmp.Op.EQUAL, CmpTarget.modRevision(revisions.get(keys.get(i))));
        }
        io.etcd.jetcd.op.Op[] puts = new io.etcd.jetcd.op.Op[written.size()];
        int i = 0;
        for (String key : written) {
            puts[i++] = io.etcd.jetcd.op.Op.put(bytes(key), bytes(Values.toStore(values.get(key))), PutOption.DEFAULT);
        }
        TxnResponse r = await(kv.txn().If(guards).Then(puts).commit());
        if (!r.isSucceeded()) return complete(inv, OpType.FAIL, inv.value(), "conflict: a touched key changed since the snapshot");
        return complete(inv, OpType.OK, applied.completion(), null);
    }
}
