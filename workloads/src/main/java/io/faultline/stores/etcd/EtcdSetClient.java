package io.faultline.stores.etcd;

import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.stores.StoredValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * add puts {@code <set>/<element>}; read ranges over the prefix. One key per element keeps every
 * add a single blind put (no read-modify-write that a retry could double), and the final read is
 * one range at one revision.
 */
final class EtcdSetClient extends EtcdClient {

    EtcdSetClient(EtcdDb db, EtcdConnections connections, Duration timeout, ReadMode readMode) {
        super(db, connections, timeout, readMode);
    }

    @Override
    protected boolean mutates(Op op) {
        return op.f().equals("add");
    }

    @Override
    protected Op run(Op inv) throws Exception {
        if (inv.key() == null) return complete(inv, OpType.FAIL, inv.value(), "set ops need a key");
        return switch (inv.f()) {
            case "add" -> {
                await(kv.put(bytes(inv.key() + "/" + StoredValue.text(inv.value())), bytes(StoredValue.text(inv.value()))));
                yield complete(inv, OpType.OK, inv.value(), null);
            }
            case "read" -> read(inv);
            default -> complete(inv, OpType.FAIL, inv.value(), "etcd set client has no op '" + inv.f() + "'");
        };
    }

    private Op read(Op inv) throws Exception {
        GetOption range = GetOption.builder().isPrefix(true)
                .withSerializable(readMode == ReadMode.SERIALIZABLE).build();
        GetResponse r = await(kv.get(bytes(inv.key() + "/"), range));
        List<Object> elements = new ArrayList<>(r.getKvs().size());
        for (KeyValue e : r.getKvs()) elements.add(StoredValue.parse(text(e.getValue())));
        return complete(inv, OpType.OK, elements, null);
    }
}
