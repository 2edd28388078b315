package io.faultline.store;

/**
 * A store faultline can test, found through {@link java.util.ServiceLoader} so the CLI in harness
 * lists and builds the stores of the workloads module without depending on it.
 */
public interface StoreProvider {
    /** "raftstore", "etcd", "zookeeper", as written in {@code --store}. */
    String name();

    /** One line for {@code --help} and the docs. */
    String description();

    Store create(StoreOptions options);
}
