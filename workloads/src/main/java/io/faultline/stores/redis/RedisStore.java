package io.faultline.stores.redis;

import io.faultline.client.Client;
import io.faultline.db.Db;
import io.faultline.store.StoreOptions;
import io.faultline.stores.ClientTable;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Redis with Sentinel: its Db and the Jedis clients of the register, set and append workloads.
 * Settings ({@code --opt store.X=...}) are listed in {@link RedisSettings}.
 */
public final class RedisStore extends ClientTable {
    private final RedisDb db;
    private final RedisConnections connections;
    private final RedisSettings settings;

    public RedisStore(StoreOptions options) {
        super("redis");
        refuseFaultModes("redis", options);
        this.settings = RedisSettings.parse(options.settings());
        if (settings.waitReplicas() > 0 && settings.waitTimeoutMs() >= settings.clientTimeoutMs()) {
            throw new IllegalArgumentException("--opt store.wait-timeout-ms=" + settings.waitTimeoutMs()
                    + " must be shorter than store.client-timeout-ms=" + settings.clientTimeoutMs()
                    + ", or every WAIT that runs out would end as a client timeout");
        }
        RedisBinary binary = RedisBinary.locate(System.getenv("PATH"));
        this.connections = new RedisConnections(Duration.ofMillis(settings.clientTimeoutMs()));
        this.db = new RedisDb(binary.path().toString(), binary.version(), settings, connections);
    }

    @Override
    public Db db() {
        return db;
    }

    @Override
    protected Map<String, Supplier<Client>> clients() {
        return Map.of(
                "register", () -> new RedisRegisterClient(connections, settings),
                "set", () -> new RedisSetClient(connections, settings),
                "append", () -> new RedisAppendClient(connections, settings));
    }

    /** redis-server is C and reads the clock through the vDSO, which libfaketime does not reach reliably; not claimed. */
    @Override
    public boolean honoursFaketime() {
        return false;
    }
}
