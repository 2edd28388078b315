package io.faultline.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a run tells a store.
 *
 * @param home     the faultline checkout (system property {@code faultline.home}), where the
 *                 bundled store's classes are
 * @param faults   fault modes to switch on in the store itself ({@code --store-fault})
 * @param settings free-form store settings ({@code --opt store.KEY=VALUE})
 */
public record StoreOptions(Path home, List<String> faults, Map<String, String> settings) {
    public StoreOptions {
        faults = List.copyOf(faults);
        settings = Map.copyOf(settings);
    }
}
