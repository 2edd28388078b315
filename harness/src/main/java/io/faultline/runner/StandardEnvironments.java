package io.faultline.runner;

import io.faultline.docker.DockerEnvironment;
import io.faultline.docker.DockerSpec;
import io.faultline.env.Environment;
import io.faultline.env.EnvironmentException;
import io.faultline.env.Environments;
import java.nio.file.Path;
import java.util.List;

/**
 * The one place an environment kind becomes an environment, for {@code run}, {@code campaign},
 * {@code compare} and the JUnit extension alike: a kind asked for is the kind delivered, and an
 * unknown kind is refused by name rather than quietly replaced.
 */
public final class StandardEnvironments implements EnvironmentFactory {
    public static final List<String> KINDS = List.of("auto", "local", "loopback", "docker");

    private final Path home;

    /** @param home the faultline checkout, mounted into containers for the store's files */
    public StandardEnvironments(Path home) {
        this.home = home;
    }

    /** Throws {@link IllegalArgumentException} naming the known kinds when {@code kind} is not one. */
    public static void requireKnown(String kind, String where) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException(where + ": unknown environment '" + kind + "'; expected one of "
                    + String.join(", ", KINDS));
        }
    }

    @Override
    public Environment create(EnvironmentRequest r) {
        return switch (r.kind()) {
            case "docker" -> DockerEnvironment.create(DockerSpec.forStore(r.store(), r.runId(), r.nodes(), r.runDir(),
                    r.clockFaults(), r.faultProxy(), home));
            case "auto", "local", "loopback" -> Environments.create(r.spec());
            default -> throw new EnvironmentException("unknown environment '" + r.kind() + "'; expected one of "
                    + String.join(", ", KINDS));
        };
    }
}
