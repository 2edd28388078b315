package io.faultline.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --results DIR} option, one definition shared by the commands whose runs live under one root (run, compare, serve). */
final class ResultsRoot {
    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR", description = "Results root (default: ${DEFAULT-VALUE}).")
    Path dir;
}
