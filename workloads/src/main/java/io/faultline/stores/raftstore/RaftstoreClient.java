package io.faultline.stores.raftstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.client.Client;
import io.faultline.db.Db;
import io.faultline.env.Node;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The shared part of raftstore clients: one node, one HTTP connection, completions built from replies. */
abstract class RaftstoreClient implements Client {
    private final Db db;
    private final ObjectMapper json;
    private final Duration timeout;
    protected RaftstoreHttp http;
    protected String node;

    RaftstoreClient(Db db, ObjectMapper json, Duration timeout) {
        this.db = db;
        this.json = json;
        this.timeout = timeout;
    }

    @Override
    public void open(Node target) {
        this.node = target.name();
        this.http = new RaftstoreHttp(db.clientAddress(target), json, Duration.ofSeconds(1), timeout);
    }

    @Override
    public final Op invoke(Op invocation) {
        if (http == null) return complete(invocation, OpType.FAIL, invocation.value(), "client not open");
        return run(invocation);
    }

    protected abstract Op run(Op invocation);

    protected Op complete(Op inv, OpType type, Object value, String error) {
        return new Op(inv.index(), inv.time(), inv.process(), type, inv.f(), inv.key(), value, node, error);
    }

    protected Op failed(Op inv, RaftstoreHttp.Reply.Failed f) {
        return complete(inv, f.type(), inv.value(), f.error());
    }

    protected static String path(String key) {
        return "/kv/" + URLEncoder.encode(key, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (http != null) http.close();
        http = null;
    }
}
