package io.faultline.stores.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.PutResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.options.PutOption;
import io.faultline.history.Errors;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.stores.StoredValue;
import java.time.Duration;
import java.util.List;

/**
 * read / write / cas on one key per op: a range get (linearizable or serializable), a put, and a
 * txn that puts the new value if the key's value equals the expected one (or, for an expected
 * null, if the key has never been written: version 0).
 */
final class EtcdRegisterClient extends EtcdClient {

    EtcdRegisterClient(EtcdDb db, EtcdConnections connections, Duration timeout, ReadMode readMode) {
        super(db, connections, timeout, readMode);
    }

    @Override
    protected boolean mutates(Op op) {
        return !op.f().equals("read");
    }

    @Override
    protected Op run(Op inv) throws Exception {
        if (inv.key() == null) return complete(inv, OpType.FAIL, inv.value(), "register ops need a key");
        return switch (inv.f()) {
            case "read" -> read(inv);
            case "write" -> write(inv);
            case "cas" -> cas(inv);
            default -> complete(inv, OpType.FAIL, inv.value(), "etcd register client has no op '" + inv.f() + "'");
        };
    }

    private Op read(Op inv) throws Exception {
        GetResponse r = await(kv.get(bytes(inv.key()), readOption()));
        Object v = r.getKvs().isEmpty() ? null : StoredValue.parse(text(r.getKvs().getFirst().getValue()));
        // The header revision: the store's revision this read saw (every change up to it).
        return complete(inv, OpType.OK, v, null).withRevision(r.getHeader().getRevision());
    }

    private Op write(Op inv) throws Exception {
        PutResponse r = await(kv.put(bytes(inv.key()), bytes(StoredValue.text(inv.value()))));
        // A put's header revision is the revision it created.
        return complete(inv, OpType.OK, inv.value(), null).withRevision(r.getHeader().getRevision());
    }

    private Op cas(Op inv) throws Exception {
        if (!(inv.value() instanceof List<?> pair) || pair.size() != 2) {
            return complete(inv, OpType.FAIL, inv.value(), "cas needs [expected, new]");
        }
        ByteSequence key = bytes(inv.key());
        Cmp guard = pair.get(0) == null
                ? new Cmp(key, Cmp.Op.EQUAL, CmpTarget.version(0))
                : new Cmp(key, Cmp.Op.EQUAL, CmpTarget.value(bytes(StoredValue.text(pair.get(0)))));
        TxnResponse r = await(kv.txn()
                .If(guard)
                .Then(io.etcd.jetcd.op.Op.put(key, bytes(StoredValue.text(pair.get(1))), PutOption.DEFAULT))
                .commit());
        long revision = r.getHeader().getRevision();
        if (r.isSucceeded()) return complete(inv, OpType.OK, inv.value(), null).withRevision(revision);
        // The leader evaluated the compare and found another value: not applied, and evidence.
        return complete(inv, OpType.FAIL, inv.value(), Errors.CAS_MISMATCH).withRevision(revision);
    }
}
