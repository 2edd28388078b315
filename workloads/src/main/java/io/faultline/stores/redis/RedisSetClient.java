package io.faultline.stores.redis;

import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.stores.StoredValue;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;

/** add is SADD of the element to the set at the op's key; read is SMEMBERS. */
final class RedisSetClient extends RedisClient {

    RedisSetClient(RedisConnections connections, RedisSettings settings) {
        super(connections, settings);
    }

    @Override
    protected boolean mutates(Op op) {
        return op.f().equals("add");
    }

    @Override
    protected Op run(Jedis jedis, Op inv, String node) {
        if (inv.key() == null) return complete(inv, OpType.FAIL, inv.value(), "set ops need a key", node);
        return switch (inv.f()) {
            case "add" -> {
                jedis.sadd(inv.key(), StoredValue.text(inv.value()));
                yield awaitReplicas(jedis, inv, inv.value(), node).orElseGet(() -> complete(inv, OpType.OK, inv.value(), null, node));
            }
            case "read" -> {
                List<Object> elements = new ArrayList<>();
                for (String e : jedis.smembers(inv.key())) elements.add(StoredValue.parse(e));
                yield complete(inv, OpType.OK, elements, null, node);
            }
            default -> complete(inv, OpType.FAIL, inv.value(), "redis set client has no op '" + inv.f() + "'", node);
        };
    }
}
