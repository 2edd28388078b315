package io.faultline.stores.redis;

import io.faultline.client.Client;
import io.faultline.env.Node;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import redis.clients.jedis.Jedis;

/**
 * The shared part of Redis clients: every op borrows a connection to the primary the sentinels
 * name (the target node a worker is given is ignored: Redis clients find the primary, they do
 * not pick a node), runs, and, with {@code wait-replicas} set, WAITs after each write.
 */
abstract class RedisClient implements Client {
    protected final RedisConnections connections;
    protected final RedisSettings settings;
    private boolean open;

    RedisClient(RedisConnections connections, RedisSettings settings) {
        this.connections = connections;
        this.settings = settings;
    }

    @Override
    public void open(Node target) {
        connections.pool();
        open = true;
    }

    @Override
    public final Op invoke(Op inv) {
        if (!open) return complete(inv, OpType.FAIL, inv.value(), "client not open", null);
        boolean mutating = mutates(inv);
        Jedis jedis;
        // The recorder names the worker's node on every completion; Redis clients follow the primary instead.
        String node = null;
        try {
            jedis = connections.borrow();
        } catch (RuntimeException e) {
            return failed(inv, e, mutating, false, node);
        }
        try (jedis) {
            return run(jedis, inv, node);
        } catch (RuntimeException e) {
            return failed(inv, e, mutating, true, node);
        }
    }

    protected abstract Op run(Jedis jedis, Op inv, String node);

    /** Whether {@code op} may change state; a failed op that cannot is always {@code fail}. */
    protected abstract boolean mutates(Op op);

    /**
     * With {@code wait-replicas} set, WAITs after a write the primary acknowledged. Too few replicas
     * within the timeout is {@code info}, not {@code fail}: the write is applied on the primary and
     * readers may see it; whether it survives a failover is unknown. Empty when the write stands.
     */
    protected java.util.Optional<Op> awaitReplicas(Jedis jedis, Op inv, Object value, String node) {
        if (settings.waitReplicas() == 0) return java.util.Optional.empty();
        long acked = jedis.waitReplicas(settings.waitReplicas(), settings.waitTimeoutMs());
        if (acked >= settings.waitReplicas()) return java.util.Optional.empty();
        return java.util.Optional.of(complete(inv, OpType.INFO, value, "wait-replicas: " + acked + " of "
                + settings.waitReplicas() + " replicas acknowledged within " + settings.waitTimeoutMs() + " ms", node));
    }

    protected Op complete(Op inv, OpType type, Object value, String error, String node) {
        return new Op(inv.index(), inv.time(), inv.process(), type, inv.f(), inv.key(), value, node, error);
    }

    private Op failed(Op inv, Throwable t, boolean mutating, boolean sent, String node) {
        RedisErrors.Outcome o = RedisErrors.classify(t, mutating, sent);
        return complete(inv, o.type(), o.type() == OpType.FAIL && !mutating ? null : inv.value(), o.error(), node);
    }

    @Override
    public void close() {
        // The pool is shared and closed with the cluster (RedisDb.teardown).
        open = false;
    }
}
