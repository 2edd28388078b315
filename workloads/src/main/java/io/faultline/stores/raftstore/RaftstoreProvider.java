package io.faultline.stores.raftstore;

import io.faultline.store.Store;
import io.faultline.store.StoreOptions;
import io.faultline.store.StoreProvider;

/** Registers the bundled Raft store with the CLI. */
public final class RaftstoreProvider implements StoreProvider {
    @Override
    public String name() {
        return "raftstore";
    }

    @Override
    public String description() {
        return "the bundled Raft key-value store (raftstore/), one JVM per node";
    }

    @Override
    public Store create(StoreOptions options) {
        return RaftstoreStore.open(options);
    }
}
