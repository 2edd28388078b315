package io.faultline.stores.raftstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.db.Db;
import io.faultline.history.Errors;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * read / write / cas on one key per op, through /kv. Serves the register and session workloads;
 * with {@code serializable} reads the node answers from its own state ({@code ?consistency=serializable}).
 */
final class RegisterClient extends RaftstoreClient {
    private final String readQuery;

    RegisterClient(Db db, ObjectMapper json, Duration timeout, boolean serializable) {
        super(db, json, timeout);
        this.readQuery = serializable ? "?consistency=serializable" : "";
    }

    @Override
    protected Op run(Op inv) {
        if (inv.key() == null) return complete(inv, OpType.FAIL, inv.value(), "register ops need a key");
        return switch (inv.f()) {
            case "read" -> read(inv);
            case "write" -> write(inv);
            case "cas" -> cas(inv);
            default -> complete(inv, OpType.FAIL, inv.value(), "raftstore register client has no op '" + inv.f() + "'");
        };
    }

    private Op read(Op inv) {
        RaftstoreHttp.Reply r = http.get(path(inv.key()) + readQuery);
        if (r instanceof RaftstoreHttp.Reply.Failed f) return complete(inv, OpType.FAIL, null, f.error());
        JsonNode body = ((RaftstoreHttp.Reply.Ok) r).body();
        return withRevision(complete(inv, OpType.OK, Values.fromStore(body.get("value")), null), body);
    }

    private Op write(Op inv) {
        Map<String, Object> body = new HashMap<>();
        body.put("value", Values.toStore(inv.value()));
        RaftstoreHttp.Reply r = mutate("PUT", path(inv.key()), body);
        if (r instanceof RaftstoreHttp.Reply.Failed f) return failed(inv, f);
        return withRevision(complete(inv, OpType.OK, inv.value(), null), ((RaftstoreHttp.Reply.Ok) r).body());
    }

    private Op cas(Op inv) {
        if (!(inv.value() instanceof List<?> pair) || pair.size() != 2) {
            return complete(inv, OpType.FAIL, inv.value(), "cas needs [expected, new]");
        }
        Map<String, Object> body = new HashMap<>();
        body.put("expected", Values.toStore(pair.get(0)));
        body.put("new", Values.toStore(pair.get(1)));
        RaftstoreHttp.Reply r = mutate("POST", path(inv.key()) + "/cas", body);
        if (r instanceof RaftstoreHttp.Reply.Failed f) return failed(inv, f);
        JsonNode b = ((RaftstoreHttp.Reply.Ok) r).body();
        if (b.path("succeeded").asBoolean(false)) return withRevision(complete(inv, OpType.OK, inv.value(), null), b);
        // The store compared and found another value: certainly not applied, and evidence for the checker.
        return withRevision(complete(inv, OpType.FAIL, inv.value(), Errors.CAS_MISMATCH), b);
    }

    /**
     * The store's log index for the op (a change: the index it was applied at; a read or a failed
     * compare: the index of the last change it saw), which lets the checker validate the store's
     * own order in linear time instead of searching.
     */
    private static Op withRevision(Op completion, JsonNode body) {
        JsonNode rev = body == null ? null : body.get("revision");
        return rev != null && rev.canConvertToLong() ? completion.withRevision(rev.asLong()) : completion;
    }
}
