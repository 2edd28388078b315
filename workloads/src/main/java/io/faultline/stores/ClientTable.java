package io.faultline.stores;

import io.faultline.client.Client;
import io.faultline.store.Store;
import io.faultline.store.StoreOptions;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * What every store here shares: the workloads it has clients for are the keys of one table of
 * client factories, and asking for any other workload names the ones it supports.
 */
public abstract class ClientTable implements Store {
    private final String store;

    /** @param store the store's name as errors say it ("etcd", "ZooKeeper", ...) */
    protected ClientTable(String store) {
        this.store = store;
    }

    /** Refuses {@code --store-fault} for a store with no switchable fault modes ({@code store} as errors name it). */
    protected static void refuseFaultModes(String store, StoreOptions options) {
        if (!options.faults().isEmpty()) {
            throw new IllegalArgumentException("--store-fault " + String.join(",", options.faults())
                    + ": " + store + " has no switchable fault modes (those are raftstore's)");
        }
    }

    /** Workload name to a factory of fresh, unopened clients. */
    protected abstract Map<String, Supplier<Client>> clients();

    @Override
    public final Set<String> workloads() {
        return clients().keySet();
    }

    @Override
    public final Client newClient(String workload) {
        Supplier<Client> factory = clients().get(workload);
        if (factory == null) {
            throw new IllegalArgumentException(store + " has no client for workload '" + workload + "'; it supports "
                    + String.join(", ", new TreeSet<>(clients().keySet())));
        }
        return factory.get();
    }
}
