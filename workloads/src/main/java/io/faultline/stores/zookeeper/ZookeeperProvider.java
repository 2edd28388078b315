package io.faultline.stores.zookeeper;

import io.faultline.stores.StoreListing;

/** Registers ZooKeeper with the CLI. */
public final class ZookeeperProvider extends StoreListing {
    public ZookeeperProvider() {
        super("zookeeper", "ZooKeeper 3.9 ensemble (QuorumPeerMain JVMs), zookeeper client, sync before reads unless read-mode=serializable",
                ZookeeperStore::open);
    }
}
