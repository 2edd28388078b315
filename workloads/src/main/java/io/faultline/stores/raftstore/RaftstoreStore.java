package io.faultline.stores.raftstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.stores.ClientTable;
import io.faultline.store.Store;
import io.faultline.store.StoreOptions;
import java.time.Duration;
import java.util.Map;

/** The bundled Raft store: its Db and its register, session, set, append and election clients;
 * settings {@code client-timeout-ms} (default the election timeout, 300 ms unless set), {@code read-mode} (linearizable |
 * serializable) and the lease lock's {@code lock-lease-ms}, {@code lock-renew-ms},
 * {@code lock-margin-ms}, {@code lock-wait-ms} ({@link LeaseSettings}). */
public final class RaftstoreStore {

    private RaftstoreStore() {
    }

    public static Store open(StoreOptions options) {
        ObjectMapper json = new ObjectMapper();
        RaftstoreDb db = new RaftstoreDb(options.home(), options.faults(), options.settings(), json);
        // A client gives up on a node that has not answered within one election timeout (raftstore's
        // default 300 ms): the time a healthy cluster takes to replace a lost leader. With longer
        // timeouts the clients of an isolated leader sat out the partition inside one write.
        String key = options.settings().containsKey("client-timeout-ms") ? "client-timeout-ms" : "election-timeout-ms";
        Duration timeout = Duration.ofMillis(options.integer(key, 300, 1));
        String mode = options.settings().getOrDefault("read-mode", "linearizable").trim();
        boolean serializableReads = switch (mode) {
            case "linearizable" -> false;
            case "serializable" -> true;
            default -> throw new IllegalArgumentException("--opt store.read-mode=" + mode
                    + ": expected linearizable or serializable");
        };
        LeaseSettings lease = LeaseSettings.from(options.settings());
        // raftstore runs on the JVM, which follows libfaketime's clock.
        boolean honoursFaketime = true;
        return new ClientTable("raftstore", db, honoursFaketime, Map.of(
                "register", () -> new RegisterClient(db, json, timeout, serializableReads),
                "session", () -> new RegisterClient(db, json, timeout, serializableReads),
                "set", () -> new SetClient(db, json, timeout),
                "append", () -> new AppendClient(db, json, timeout, "append"),
                "rw-register", () -> new AppendClient(db, json, timeout, "w"),
                "election", () -> new ElectionClient(db, json, timeout, lease, System::currentTimeMillis),
                // The lock workload's acquire/release are the election client's: a lease lock, token = log index.
                "lock", () -> new ElectionClient(db, json, timeout, lease, System::currentTimeMillis)));
    }
}
