package io.faultline.stores;

import io.faultline.client.Client;
import io.faultline.db.Db;
import io.faultline.store.Store;
import io.faultline.store.StoreOptions;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * What every store here is: its Db, one table of client factories whose keys are the workloads it
 * has clients for (asking for any other workload names the ones it supports), and whether its
 * servers follow libfaketime's clock. Each store's class builds one from its settings.
 *
 * @param store           the store's name as errors say it ("etcd", "zookeeper", ...)
 * @param clients         workload name to a factory of fresh, unopened clients
 */
public record ClientTable(String store, Db db, boolean honoursFaketime, Map<String, Supplier<Client>> clients)
        implements Store {

    /** Refuses {@code --store-fault} for a store with no switchable fault modes ({@code store} as errors name it). */
    public static void refuseFaultModes(String store, StoreOptions options) {
        if (!options.faults().isEmpty()) {
            throw new IllegalArgumentException("--store-fault " + String.join(",", options.faults())
                    + ": " + store + " has no switchable fault modes (those are raftstore's)");
        }
    }

    @Override
    public Set<String> workloads() {
        return clients.keySet();
    }

    @Override
    public Client newClient(String workload) {
        Supplier<Client> factory = clients.get(workload);
        if (factory == null) {
            throw new IllegalArgumentException(store + " has no client for workload '" + workload + "'; it supports "
                    + String.join(", ", new TreeSet<>(clients.keySet())));
        }
        return factory.get();
    }
}
