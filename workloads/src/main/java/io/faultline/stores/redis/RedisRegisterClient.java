package io.faultline.stores.redis;

import io.faultline.history.Errors;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.stores.StoredValue;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;

/**
 * read / write / cas on one key per op: GET, SET, and cas as WATCH key, GET, compare, then
 * MULTI SET EXEC. EXEC answers nil when the watched key changed in between: nothing ran, fail.
 * An expected null matches an absent key.
 */
final class RedisRegisterClient extends RedisClient {

    RedisRegisterClient(RedisConnections connections, RedisSettings settings) {
        super(connections, settings);
    }

    @Override
    protected boolean mutates(Op op) {
        return !op.f().equals("read");
    }

    @Override
    protected Op run(Jedis jedis, Op inv, String node) {
        if (inv.key() == null) return complete(inv, OpType.FAIL, inv.value(), "register ops need a key", node);
        return switch (inv.f()) {
            case "read" -> complete(inv, OpType.OK, StoredValue.parse(jedis.get(inv.key())), null, node);
            case "write" -> {
                jedis.set(inv.key(), StoredValue.text(inv.value()));
                yield awaitReplicas(jedis, inv, inv.value(), node).orElseGet(() -> complete(inv, OpType.OK, inv.value(), null, node));
            }
            case "cas" -> cas(jedis, inv, node);
            default -> complete(inv, OpType.FAIL, inv.value(), "redis register client has no op '" + inv.f() + "'", node);
        };
    }

    private Op cas(Jedis jedis, Op inv, String node) {
        if (!(inv.value() instanceof List<?> pair) || pair.size() != 2) {
            return complete(inv, OpType.FAIL, inv.value(), "cas needs [expected, new]", node);
        }
        jedis.watch(inv.key());
        Object current = StoredValue.parse(jedis.get(inv.key()));
        Object expected = pair.get(0) == null ? null : StoredValue.parse(StoredValue.text(pair.get(0)));
        if (!Objects.equals(current, expected)) {
            jedis.unwatch();
            return complete(inv, OpType.FAIL, inv.value(), Errors.CAS_MISMATCH, node);
        }
        Transaction t = jedis.multi();
        t.set(inv.key(), StoredValue.text(pair.get(1)));
        List<Object> done = t.exec();
        // A nil EXEC: the watched key changed after our GET, and the transaction was discarded.
        if (done == null || done.isEmpty()) return complete(inv, OpType.FAIL, inv.value(), "conflict: watched key changed", node);
        return awaitReplicas(jedis, inv, inv.value(), node).orElseGet(() -> complete(inv, OpType.OK, inv.value(), null, node));
    }
}
