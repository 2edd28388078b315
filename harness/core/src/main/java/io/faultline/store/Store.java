package io.faultline.store;

import io.faultline.client.Client;
import io.faultline.db.Db;
import java.util.Set;

/** One store under test: its lifecycle on the nodes and clients that speak its protocol. */
public interface Store {
    Db db();

    /** Workload names this store has a client for. */
    Set<String> workloads();

    /**
     * A fresh, unopened client for the ops of {@code workload}; throws IllegalArgumentException
     * naming the workloads it supports when it has none for this one.
     */
    Client newClient(String workload);

    /** Whether the store's runtime follows libfaketime's clock (JVMs do, Go binaries do not). */
    boolean honoursFaketime();
}
