package io.faultline.testing.fake;

import io.faultline.store.Store;
import io.faultline.store.StoreOptions;
import io.faultline.store.StoreProvider;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/** Provides {@link InMemoryStore}s as store "memory" and keeps the last one, so a test can look at it. */
public final class MemoryStoreProvider implements StoreProvider {
    private final boolean staleReads;
    private final BiFunction<StoreOptions, InMemoryStore, Store> faults;
    private final AtomicReference<InMemoryStore> last = new AtomicReference<>();

    /** @param staleReads whether node n2 serves reads from a stale copy */
    public MemoryStoreProvider(boolean staleReads) {
        this(staleReads, (options, store) -> store);
    }

    /**
     * @param staleReads whether node n2 serves reads from a stale copy
     * @param faults     the store a run gets, given its options (their store faults) and the new
     *                   in-memory store; it may wrap the store, or throw to refuse the options
     */
    public MemoryStoreProvider(boolean staleReads, BiFunction<StoreOptions, InMemoryStore, Store> faults) {
        this.staleReads = staleReads;
        this.faults = faults;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String description() {
        return "test double";
    }

    @Override
    public Store create(StoreOptions options) {
        InMemoryStore s = new InMemoryStore(staleReads);
        last.set(s);
        return faults.apply(options, s);
    }

    /** The store the last run built, or null when none was built. */
    public InMemoryStore last() {
        return last.get();
    }
}
