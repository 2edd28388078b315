package io.faultline.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.faultline.env.EnvironmentException;

/**
 * The node images docker/build-offline.sh makes, {@code faultline/<store>:<version>}. A missing
 * image is reported with the command that builds it: nothing is ever pulled, since machines like
 * this one reach no registry and a pull would only hang.
 */
public final class DockerImages {
    /** Must equal VERSION in docker/build-offline.sh (a test checks). */
    public static final String VERSION = "0.1.0";
    public static final String BUILD_COMMAND = "docker/build-offline.sh";

    private DockerImages() {
    }

    /** The image whose tools and runtime a node of {@code store} needs. */
    public static String forStore(String store) {
        return switch (store) {
            case "raftstore", "etcd", "zookeeper" -> "faultline/" + store + ":" + VERSION;
            default -> throw new IllegalArgumentException("no Docker image for store '" + store
                    + "': expected raftstore, etcd or zookeeper");
        };
    }

    /** Throws naming the build command when {@code image} is not in the engine's local store. */
    static void requirePresent(DockerClient client, String image) {
        try {
            client.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw new EnvironmentException("Docker image " + image + " is not built (no registry is used, nothing is "
                    + "pulled); build it with: " + BUILD_COMMAND + " (from the faultline checkout, as root)");
        }
    }
}
