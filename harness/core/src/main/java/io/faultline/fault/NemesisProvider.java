package io.faultline.fault;

import java.util.Map;

/**
 * Found through {@link java.util.ServiceLoader}, so the CLI in harness can list and build the
 * nemeses of the nemesis module without depending on it.
 */
public interface NemesisProvider {
    /** "partition", "kill", ... as written in {@code --nemesis}. */
    String name();

    /** One line for {@code --help} and the docs. */
    String description();

    /** Builds the nemesis; options are the run's nemesis options (e.g. "partition.mode"). */
    Nemesis create(Map<String, String> options);
}
