package io.faultline.stores;

import io.faultline.store.Store;
import io.faultline.store.StoreOptions;
import io.faultline.store.StoreProvider;
import java.util.function.Function;

/**
 * What registering a store here with the CLI amounts to: its {@code --store} name, its one line
 * for {@code --help} and the factory that builds it from its options. Each store's provider (the
 * class {@link java.util.ServiceLoader} finds) passes those and adds its host tools where it needs any.
 */
public abstract class StoreListing implements StoreProvider {
    private final String name;
    private final String description;
    private final Function<StoreOptions, Store> factory;

    protected StoreListing(String name, String description, Function<StoreOptions, Store> factory) {
        this.name = name;
        this.description = description;
        this.factory = factory;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Store create(StoreOptions options) {
        return factory.apply(options);
    }
}
