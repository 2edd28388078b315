package io.faultline.stores.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.options.GetOption;
import io.faultline.client.Client;
import io.faultline.env.Node;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The shared part of etcd clients: the member this process is pinned to, a deadline per request,
 * the read mode, and completions built from replies or classified failures.
 */
abstract class EtcdClient implements Client {
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);
    protected final EtcdDb db;
    protected final EtcdConnections connections;
    protected final Duration timeout;
    protected final ReadMode readMode;
    protected io.etcd.jetcd.Client etcd;
    protected KV kv;
    protected String node;

    EtcdClient(EtcdDb db, EtcdConnections connections, Duration timeout, ReadMode readMode) {
        this.db = db;
        this.connections = connections;
        this.timeout = timeout;
        this.readMode = readMode;
    }

    @Override
    public void open(Node target) throws Exception {
        this.node = target.name();
        String endpoint = "http://" + db.clientAddress(target);
        io.etcd.jetcd.Client c = connections.forEndpoint(endpoint);
        // Connect before the first op: the first call on a fresh channel pays for class loading and
        // the HTTP/2 handshake, which would otherwise eat the op's deadline and make it indeterminate.
        try {
            c.getKVClient().get(bytes("faultline/connect"), GetOption.builder().withSerializable(true).build())
                    .get(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            connections.evict(endpoint, c);
            throw e;
        }
        this.etcd = c;
        this.kv = c.getKVClient();
    }

    @Override
    public final Op invoke(Op invocation) {
        if (kv == null) return complete(invocation, OpType.FAIL, invocation.value(), "client not open");
        try {
            return run(invocation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(invocation, e, mutates(invocation));
        } catch (Exception e) {
            return failed(invocation, e, mutates(invocation));
        }
    }

    protected abstract Op run(Op invocation) throws Exception;

    /** Whether {@code op} may change state; a failed op that cannot is always {@code fail}. */
    protected abstract boolean mutates(Op op);

    protected <T> T await(CompletableFuture<T> f) throws Exception {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(true);
            throw e;
        }
    }

    protected GetOption readOption() {
        return GetOption.builder().withSerializable(readMode == ReadMode.SERIALIZABLE).build();
    }

    protected Op complete(Op inv, OpType type, Object value, String error) {
        return new Op(inv.index(), inv.time(), inv.process(), type, inv.f(), inv.key(), value, node, error);
    }

    protected Op failed(Op inv, Throwable t, boolean mutating) {
        EtcdErrors.Outcome o = EtcdErrors.classify(t, mutating);
        return complete(inv, o.type(), o.type() == OpType.FAIL && !mutating ? null : inv.value(), o.error());
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    static String text(ByteSequence b) {
        return b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        // The connection is shared per member and closed with the cluster (EtcdDb.teardown).
        kv = null;
        etcd = null;
    }
}
