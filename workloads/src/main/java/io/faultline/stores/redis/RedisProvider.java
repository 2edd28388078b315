package io.faultline.stores.redis;

import io.faultline.preflight.Tool;
import io.faultline.preflight.Tools;
import io.faultline.store.Store;
import io.faultline.store.StoreOptions;
import io.faultline.store.StoreProvider;
import java.util.List;
import java.util.Map;

/** Registers Redis with Sentinel with the CLI. */
public final class RedisProvider implements StoreProvider {
    @Override
    public String name() {
        return "redis";
    }

    @Override
    public String description() {
        return "Redis with Sentinel (Debian's redis-server and redis-sentinel): a primary, replicas and one sentinel per node, Jedis clients";
    }

    @Override
    public Store create(StoreOptions options) {
        return RedisStore.open(options);
    }

    @Override
    public List<Tool> tools(Map<String, String> settings) {
        Tools tools = new Tools();
        return List.of(tools.redisServer(), tools.redisSentinel());
    }
}
