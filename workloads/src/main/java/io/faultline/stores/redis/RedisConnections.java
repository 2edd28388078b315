package io.faultline.stores.redis;

import java.time.Duration;
import java.util.HashSet;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.JedisSentinelPool;

/**
 * The clients' one {@link JedisSentinelPool}: it asks the sentinels for the primary, subscribes to
 * every sentinel's {@code +switch-master} and moves its connections to the new primary on a
 * failover, as an application using Jedis with Sentinel would. Made on the first client's open
 * (after the cluster is ready), closed with the cluster.
 */
final class RedisConnections implements AutoCloseable {
    private final Duration timeout;
    private RedisDb db;
    private JedisSentinelPool pool;

    RedisConnections(Duration timeout) {
        this.timeout = timeout;
    }

    synchronized void attach(RedisDb db) {
        this.db = db;
    }

    synchronized JedisSentinelPool pool() {
        if (pool == null) {
            if (db == null) throw new IllegalStateException("the Redis cluster is not set up");
            JedisPoolConfig config = new JedisPoolConfig();
            config.setMaxTotal(512);
            config.setMaxIdle(512);
            config.setMaxWait(timeout);
            // Idle connections are not evicted or tested: a test wants each op to be one request.
            config.setTestOnBorrow(false);
            config.setTestWhileIdle(false);
            config.setTimeBetweenEvictionRuns(Duration.ofMillis(-1));
            int ms = (int) timeout.toMillis();
            JedisClientConfig master = DefaultJedisClientConfig.builder().connectionTimeoutMillis(ms).socketTimeoutMillis(ms).build();
            JedisClientConfig sentinel = DefaultJedisClientConfig.builder().connectionTimeoutMillis(1000).socketTimeoutMillis(1000).build();
            pool = new JedisSentinelPool(RedisDb.MASTER, new HashSet<>(db.sentinelAddresses()), config, master, sentinel);
        }
        return pool;
    }

    /** A connection to the primary the pool currently follows; failures here mean nothing was sent. */
    Jedis borrow() {
        return pool().getResource();
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            try {
                pool.close();
            } catch (RuntimeException e) {
                // best effort: the servers are stopped next
            }
            pool = null;
        }
    }
}
