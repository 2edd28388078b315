package io.faultline.stores.raftstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.db.Db;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** add (append to the set's list) and read (the whole list) through /txn. */
final class SetClient extends RaftstoreClient {

    SetClient(Db db, ObjectMapper json, Duration timeout) {
        super(db, json, timeout);
    }

    @Override
    protected Op run(Op inv) {
        if (inv.key() == null) return complete(inv, OpType.FAIL, inv.value(), "set ops need a key");
        return switch (inv.f()) {
            case "add" -> add(inv);
            case "read" -> read(inv);
            default -> complete(inv, OpType.FAIL, inv.value(), "raftstore set client has no op '" + inv.f() + "'");
        };
    }

    private Op add(Op inv) {
        List<Object> micro = Arrays.asList("append", inv.key(), Values.toStore(inv.value()));
        RaftstoreHttp.Reply r = mutate("POST", "/txn", Map.of("ops", List.of(micro)));
        if (r instanceof RaftstoreHttp.Reply.Failed f) return failed(inv, f);
        return complete(inv, OpType.OK, inv.value(), null);
    }

    private Op read(Op inv) {
        List<Object> micro = Arrays.asList("r", inv.key(), null);
        RaftstoreHttp.Reply r = http.send("POST", "/txn", Map.of("ops", List.of(micro)), false);
        if (r instanceof RaftstoreHttp.Reply.Failed f) return complete(inv, OpType.FAIL, null, f.error());
        JsonNode ops = ((RaftstoreHttp.Reply.Ok) r).body().path("ops");
        JsonNode value = ops.path(0).path(2);
        Object v = Values.fromStore(value);
        List<Object> elements = new ArrayList<>();
        if (v instanceof List<?> l) elements.addAll(l);
        else if (v != null) return complete(inv, OpType.FAIL, null, "set key holds a plain value, not a list: " + value);
        return complete(inv, OpType.OK, elements, null);
    }
}
