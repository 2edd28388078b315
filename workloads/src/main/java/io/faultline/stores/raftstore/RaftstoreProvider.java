package io.faultline.stores.raftstore;

import io.faultline.stores.StoreListing;

/** Registers the bundled Raft store with the CLI. */
public final class RaftstoreProvider extends StoreListing {
    public RaftstoreProvider() {
        super("raftstore", "the bundled Raft key-value store (raftstore/), one JVM per node",
                RaftstoreStore::open);
    }
}
