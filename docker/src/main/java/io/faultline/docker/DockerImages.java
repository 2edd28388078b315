package io.faultline.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.faultline.env.EnvironmentException;
import java.util.List;
import java.util.Map;

/**
 * The node images docker/build-offline.sh makes, {@code faultline/<store>:<version>}. A missing
 * image is reported with the command that builds it: nothing is ever pulled, since machines like
 * this one reach no registry and a pull would only hang.
 */
public final class DockerImages {
    /** Must equal VERSION in docker/build-offline.sh (a test checks). */
    public static final String VERSION = "0.1.0";
    public static final String BUILD_COMMAND = "docker/build-offline.sh";
    /** The variable build-offline.sh tags with; read here too so both sides agree on the tag. */
    public static final String VERSION_VARIABLE = "FAULTLINE_IMAGE_VERSION";
    public static final List<String> STORES = List.of("raftstore", "etcd", "zookeeper", "redis");
    /** The Debian image the others are built on (build-offline.sh's SUITE default). */
    public static final String DEBIAN = "faultline/debian:bookworm";

    private DockerImages() {
    }

    /** The image whose tools and runtime a node of {@code store} needs. */
    public static String forStore(String store) {
        return forStore(store, System.getenv());
    }

    static String forStore(String store, Map<String, String> env) {
        if (!STORES.contains(store)) {
            throw new IllegalArgumentException("no Docker image for store '" + store
                    + "': expected raftstore, etcd, zookeeper or redis");
        }
        return "faultline/" + store + ":" + version(env);
    }

    /** Every image build-offline.sh makes, the build-only ones first. */
    public static List<String> all(Map<String, String> env) {
        String v = version(env);
        return List.of(DEBIAN, "faultline/base:" + v, "faultline/raftstore:" + v, "faultline/etcd:" + v,
                "faultline/zookeeper:" + v, "faultline/redis:" + v);
    }

    /** {@link #VERSION}, unless FAULTLINE_IMAGE_VERSION names another tag (as it does for build-offline.sh). */
    static String version(Map<String, String> env) {
        String v = env.getOrDefault(VERSION_VARIABLE, "");
        if (v.isEmpty()) {
            return VERSION;
        }
        // Docker's tag grammar; anything else would surface later as a confusing engine error.
        if (!v.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")) {
            throw new IllegalArgumentException(VERSION_VARIABLE + "='" + v + "': expected a Docker tag (letters, digits, "
                    + "'_', '.', '-'; at most 128, not starting with '.' or '-')");
        }
        return v;
    }

    /** Throws naming the build command when {@code image} is not in the engine's local store. */
    static void requirePresent(DockerClient client, String image) {
        try {
            client.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw new EnvironmentException(missing(image));
        }
    }

    /** What a run says when its image is missing. */
    static String missing(String image) {
        String tag = image.substring(image.lastIndexOf(':') + 1);
        String command = tag.equals(VERSION) ? BUILD_COMMAND : VERSION_VARIABLE + "=" + tag + " " + BUILD_COMMAND;
        return "Docker image " + image + " is not built (no registry is used, nothing is pulled); build it with: "
                + command + " (from the faultline checkout, as root)";
    }
}
