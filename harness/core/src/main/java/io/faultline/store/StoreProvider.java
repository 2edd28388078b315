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

    /**
     * Host tools the store needs when its nodes run on this machine (not in containers), checked
     * and where possible installed before a run starts; {@code settings} are the run's store options.
     */
    default java.util.List<io.faultline.preflight.Tool> tools(java.util.Map<String, String> settings) {
        return java.util.List.of();
    }
}
