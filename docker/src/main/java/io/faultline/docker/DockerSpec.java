package io.faultline.docker;

import io.faultline.env.EnvironmentSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a run asks of the docker environment.
 *
 * @param runId       labels ({@code faultline=<runId>}) and names ({@code faultline-<runId>-n1}) everything
 * @param nodes       how many containers
 * @param runDir      the run's results folder; each node folder is bind-mounted at the same path
 * @param clockFaults run node processes under libfaketime with a per-node offset file
 * @param image       the node image, e.g. {@code faultline/raftstore:0.1.0}
 * @param readOnly    host folders mounted read-only at the same path (the checkout with the
 *                    raftstore classes, the Maven repository with the ZooKeeper jars), so the
 *                    command lines stores build for the local environment work unchanged
 * @param faultProxy  route peer links through the fault proxy on the run's bridge (delay, jitter, stall)
 */
public record DockerSpec(String runId, int nodes, Path runDir, boolean clockFaults, String image, List<Path> readOnly,
                         boolean faultProxy) {
    public DockerSpec {
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(image, "image");
        readOnly = List.copyOf(readOnly);
        // The same rules as the other environments: reuse EnvironmentSpec's checks of id and size.
        new EnvironmentSpec("loopback", runId, nodes, runDir, clockFaults, false);
    }

    /** Without the fault proxy: peers dial each other's container addresses directly. */
    public DockerSpec(String runId, int nodes, Path runDir, boolean clockFaults, String image, List<Path> readOnly) {
        this(runId, nodes, runDir, clockFaults, image, readOnly, false);
    }

    /**
     * {@link #forStore(String, String, int, Path, boolean, boolean, Path)} without the fault proxy.
     * Off unless asked, as in the local environment: etcd advertises one peer URL per member, so
     * with the proxy every sender's traffic into a member arrives from one proxy address and a
     * partition would cut more than its grudge says (see EtcdDb).
     */
    public static DockerSpec forStore(String store, String runId, int nodes, Path runDir, boolean clockFaults, Path home) {
        return forStore(store, runId, nodes, runDir, clockFaults, false, home);
    }

    /**
     * The usual spec for a store: its image, and the checkout plus the local Maven repository
     * (when present) mounted read-only.
     */
    public static DockerSpec forStore(String store, String runId, int nodes, Path runDir, boolean clockFaults,
                                      boolean faultProxy, Path home) {
        List<Path> ro = new java.util.ArrayList<>();
        ro.add(home.toAbsolutePath().normalize());
        Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository");
        if (java.nio.file.Files.isDirectory(m2)) {
            ro.add(m2.toAbsolutePath().normalize());
        }
        return new DockerSpec(runId, nodes, runDir, clockFaults, DockerImages.forStore(store), ro, faultProxy);
    }
}
