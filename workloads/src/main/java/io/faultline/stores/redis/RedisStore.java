package io.faultline.stores.redis;

import io.faultline.store.Store;
import io.faultline.store.StoreOptions;
import io.faultline.stores.ClientTable;
import java.time.Duration;
import java.util.Map;

/**
 * Redis with Sentinel: its Db and the Jedis clients of the register, set and append workloads.
 * Settings ({@code --opt store.X=...}) are listed in {@link RedisSettings}.
 */
public final class RedisStore {

    private RedisStore() {
    }

    public static Store open(StoreOptions options) {
        ClientTable.refuseFaultModes("redis", options);
        RedisSettings settings = RedisSettings.parse(options.settings());
        if (settings.waitReplicas() > 0 && settings.waitTimeoutMs() >= settings.clientTimeoutMs()) {
            throw new IllegalArgumentException("--opt store.wait-timeout-ms=" + settings.waitTimeoutMs()
                    + " must be shorter than store.client-timeout-ms=" + settings.clientTimeoutMs()
                    + ", or every WAIT that runs out would end as a client timeout");
        }
        RedisBinary binary = RedisBinary.locate(System.getenv("PATH"));
        RedisConnections connections = new RedisConnections(Duration.ofMillis(settings.clientTimeoutMs()));
        RedisDb db = new RedisDb(binary.path().toString(), binary.version(), settings, connections);
        // redis-server is C and reads the clock through the vDSO, which libfaketime does not reach reliably; not claimed.
        boolean honoursFaketime = false;
        return new ClientTable("redis", db, honoursFaketime, Map.of(
                "register", () -> new RedisRegisterClient(connections, settings),
                "set", () -> new RedisSetClient(connections, settings),
                "append", () -> new RedisAppendClient(connections, settings)));
    }
}
