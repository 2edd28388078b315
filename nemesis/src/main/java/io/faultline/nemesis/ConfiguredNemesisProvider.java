package io.faultline.nemesis;

import io.faultline.fault.Nemesis;
import io.faultline.fault.NemesisProvider;
import java.util.Map;
import java.util.Set;

/**
 * What every nemesis provider here shares: a name, a line of description, and the options it knows,
 * read and checked from the run's nemesis options ({@code <name>.<option>}) before the nemesis is
 * built, so an unknown or bad option is refused with its name whichever fault it belongs to.
 */
abstract class ConfiguredNemesisProvider implements NemesisProvider {
    private final String name;
    private final Set<String> options;
    private final String description;

    ConfiguredNemesisProvider(String name, Set<String> options, String description) {
        this.name = name;
        this.options = Set.copyOf(options);
        this.description = description;
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
    public final Nemesis create(Map<String, String> options) {
        return create(new NemesisOptions(name, options, this.options));
    }

    /** Builds the nemesis from its own options. */
    abstract Nemesis create(NemesisOptions options);
}
