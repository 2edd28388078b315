package io.faultline.stores.redis;

import io.faultline.preflight.Tool;
import io.faultline.preflight.Tools;
import io.faultline.stores.StoreListing;
import java.util.List;
import java.util.Map;

/** Registers Redis with Sentinel with the CLI. */
public final class RedisProvider extends StoreListing {
    public RedisProvider() {
        super("redis", "Redis with Sentinel (Debian's redis-server and redis-sentinel): a primary, replicas and one sentinel per node, Jedis clients",
                RedisStore::open);
    }

    @Override
    public List<Tool> tools(Map<String, String> settings) {
        Tools tools = new Tools();
        return List.of(tools.redisServer(), tools.redisSentinel());
    }
}
