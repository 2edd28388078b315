package io.faultline.stores.raftstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.client.Client;
import io.faultline.db.Db;
import io.faultline.store.Store;
import io.faultline.store.StoreOptions;
import java.time.Duration;
import java.util.Set;

/** The bundled Raft store: its Db and its register and set clients. */
public final class RaftstoreStore implements Store {
    private final ObjectMapper json = new ObjectMapper();
    private final RaftstoreDb db;
    private final Duration timeout;

    public RaftstoreStore(StoreOptions options) {
        this.db = new RaftstoreDb(options.home(), options.faults(), options.settings(), json);
        String t = options.settings().getOrDefault("client-timeout-ms", "2000");
        try {
            this.timeout = Duration.ofMillis(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--opt store.client-timeout-ms=" + t + ": expected milliseconds");
        }
    }

    @Override
    public Db db() {
        return db;
    }

    @Override
    public Set<String> workloads() {
        return Set.of("register", "set");
    }

    @Override
    public Client newClient(String workload) {
        return switch (workload) {
            case "register" -> new RegisterClient(db, json, timeout);
            case "set" -> new SetClient(db, json, timeout);
            default -> throw new IllegalArgumentException("raftstore has no client for workload '" + workload
                    + "'; it supports register, set");
        };
    }

    @Override
    public boolean honoursFaketime() {
        return true;
    }
}
