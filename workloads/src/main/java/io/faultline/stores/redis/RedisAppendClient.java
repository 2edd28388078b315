package io.faultline.stores.redis;

import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.stores.SnapshotTxn;
import io.faultline.stores.StoredValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;

/**
 * List-append transactions as one MULTI/EXEC: each micro-op in order, an append as RPUSH and a
 * read as LRANGE 0 -1. Redis runs a MULTI block whole and alone, so no snapshot and guard are
 * needed (unlike etcd's and ZooKeeper's optimistic txns). A command refused while queued
 * (READONLY on a demoted primary) makes EXEC abort the whole block: fail.
 */
final class RedisAppendClient extends RedisClient {

    RedisAppendClient(RedisConnections connections, RedisSettings settings) {
        super(connections, settings);
    }

    @Override
    protected boolean mutates(Op op) {
        return SnapshotTxn.appends(op.value());
    }

    @Override
    protected Op run(Jedis jedis, Op inv, String node) {
        try {
            SnapshotTxn.parse(inv, key -> true);
        } catch (IllegalArgumentException e) {
            return complete(inv, OpType.FAIL, inv.value(), e.getMessage(), node);
        }
        List<?> micro = (List<?>) inv.value();
        Transaction t = jedis.multi();
        List<Response<List<String>>> reads = new ArrayList<>();
        for (Object m : micro) {
            List<?> l = (List<?>) m;
            String key = (String) l.get(1);
            if ("append".equals(l.getFirst())) {
                t.rpush(key, StoredValue.text(l.get(2)));
                reads.add(null);
            } else {
                reads.add(t.lrange(key, 0, -1));
            }
        }
        t.exec();
        List<Object> completion = new ArrayList<>(micro.size());
        for (int i = 0; i < micro.size(); i++) {
            List<?> l = (List<?>) micro.get(i);
            if (reads.get(i) == null) {
                completion.add(l);
            } else {
                List<Object> values = new ArrayList<>();
                for (String s : reads.get(i).get()) values.add(StoredValue.parse(s));
                completion.add(Arrays.asList("r", l.get(1), values));
            }
        }
        if (!mutates(inv)) return complete(inv, OpType.OK, completion, null, node);
        return awaitReplicas(jedis, inv, inv.value(), node).orElseGet(() -> complete(inv, OpType.OK, completion, null, node));
    }
}
