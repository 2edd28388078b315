package io.faultline.stores.raftstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.client.Client;
import io.faultline.db.Db;
import io.faultline.stores.ClientTable;
import io.faultline.store.StoreOptions;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** The bundled Raft store: its Db and its register, session, set, append and election clients;
 * settings {@code client-timeout-ms} (default 2000), {@code read-mode} (linearizable |
 * serializable) and the lease lock's {@code lock-lease-ms}, {@code lock-renew-ms},
 * {@code lock-margin-ms}, {@code lock-wait-ms} ({@link LeaseSettings}). */
public final class RaftstoreStore extends ClientTable {

    private final ObjectMapper json = new ObjectMapper();
    private final RaftstoreDb db;
    private final Duration timeout;
    private final boolean serializableReads;
    private final LeaseSettings lease;

    public RaftstoreStore(StoreOptions options) {
        super("raftstore");
        this.db = new RaftstoreDb(options.home(), options.faults(), options.settings(), json);
        String t = options.settings().getOrDefault("client-timeout-ms", "2000");
        try {
            this.timeout = Duration.ofMillis(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--opt store.client-timeout-ms=" + t + ": expected milliseconds");
        }
        String mode = options.settings().getOrDefault("read-mode", "linearizable").trim();
        this.serializableReads = switch (mode) {
            case "linearizable" -> false;
            case "serializable" -> true;
            default -> throw new IllegalArgumentException("--opt store.read-mode=" + mode
                    + ": expected linearizable or serializable");
        };
        this.lease = LeaseSettings.from(options.settings());
    }

    @Override
    public Db db() {
        return db;
    }

    @Override
    protected Map<String, Supplier<Client>> clients() {
        return Map.of(
                "register", () -> new RegisterClient(db, json, timeout, serializableReads),
                "session", () -> new RegisterClient(db, json, timeout, serializableReads),
                "set", () -> new SetClient(db, json, timeout),
                "append", () -> new AppendClient(db, json, timeout, "append"),
                "rw-register", () -> new AppendClient(db, json, timeout, "w"),
                "election", () -> new ElectionClient(db, json, timeout, lease, System::currentTimeMillis),
                // The lock workload's acquire/release are the election client's: a lease lock, token = log index.
                "lock", () -> new ElectionClient(db, json, timeout, lease, System::currentTimeMillis));
    }

    @Override
    public boolean honoursFaketime() {
        return true;
    }
}
