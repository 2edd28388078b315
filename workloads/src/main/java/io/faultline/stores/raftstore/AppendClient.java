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

/**
 * List-append transactions sent whole to raftstore's /txn, which applies every micro-op as one log
 * entry. The completion has the shape the etcd and ZooKeeper append clients record: appends as
 * invoked, reads filled in with the key's list as longs (an absent key reads as the empty list).
 * A txn without appends cannot change state, so it fails whatever goes wrong; one with appends is
 * classified by {@link RaftstoreHttp}.
 */
final class AppendClient extends RaftstoreClient {
    /** "append" (list-append: reads return lists) or "w" (rw-register: reads return one value). */
    private final String verb;

    AppendClient(Db db, ObjectMapper json, Duration timeout, String verb) {
        super(db, json, timeout);
        this.verb = verb;
    }

    @Override
    protected Op run(Op inv) {
        if (!inv.f().equals("txn") || !(inv.value() instanceof List<?> micro) || micro.isEmpty()) {
            return complete(inv, OpType.FAIL, inv.value(), "transactions are txn ops with a non-empty list of micro-ops");
        }
        List<Object> request = new ArrayList<>(micro.size());
        boolean mutating = false;
        for (Object m : micro) {
            if (!(m instanceof List<?> l) || l.size() != 3 || !(l.get(0) instanceof String f) || !(l.get(1) instanceof String key)
                    || !(f.equals("r") || f.equals(verb))) {
                return complete(inv, OpType.FAIL, inv.value(), "malformed micro-op " + m + "; expected [r|" + verb + ", key, value]");
            }
            boolean write = f.equals(verb);
            mutating |= write;
            request.add(Arrays.asList(f, key, write ? Values.toStore(l.get(2)) : null));
        }
        Map<String, Object> body = Map.of("ops", request);
        RaftstoreHttp.Reply r = mutating ? mutate("POST", "/txn", body) : http.send("POST", "/txn", body, false);
        if (r instanceof RaftstoreHttp.Reply.Failed failure) {
            return complete(inv, failure.type(), inv.value(), failure.error());
        }
        JsonNode ops = ((RaftstoreHttp.Reply.Ok) r).body().path("ops");
        if (!ops.isArray() || ops.size() != micro.size()) {
            // The txn was accepted but the answer is unusable: whether it applied is unknown.
            return complete(inv, mutating ? OpType.INFO : OpType.FAIL, inv.value(),
                    "txn answer has " + ops.size() + " ops for " + micro.size() + " micro-ops: " + ops);
        }
        List<Object> result = new ArrayList<>(micro.size());
        for (int i = 0; i < micro.size(); i++) {
            List<?> l = (List<?>) micro.get(i);
            if (l.get(0).equals(verb)) {
                result.add(l);
                continue;
            }
            JsonNode got = ops.get(i).path(2);
            Object v = Values.fromStore(got);
            if (verb.equals("w")) {
                result.add(Arrays.asList("r", l.get(1), v));
                continue;
            }
            if (v != null && !(v instanceof List<?>)) {
                return complete(inv, mutating ? OpType.INFO : OpType.FAIL, inv.value(),
                        "key " + l.get(1) + " holds a plain value, not a list: " + got);
            }
            result.add(Arrays.asList("r", l.get(1), v == null ? new ArrayList<>() : v));
        }
        return complete(inv, OpType.OK, result, null);
    }
}
