package io.faultline.stores.zookeeper;

import io.faultline.store.Store;
import io.faultline.store.StoreOptions;
import io.faultline.store.StoreProvider;

/** Registers ZooKeeper with the CLI. */
public final class ZookeeperProvider implements StoreProvider {
    @Override
    public String name() {
        return "zookeeper";
    }

    @Override
    public String description() {
        return "ZooKeeper 3.9 ensemble (QuorumPeerMain JVMs), zookeeper client, sync before reads unless read-mode=serializable";
    }

    @Override
    public Store create(StoreOptions options) {
        return ZookeeperStore.open(options);
    }
}
