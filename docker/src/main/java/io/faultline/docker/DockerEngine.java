package io.faultline.docker;

import com.github.dockerjava.api.DockerClient;
import io.faultline.env.EnvironmentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testcontainers.DockerClientFactory;

/**
 * The Docker engine as Testcontainers reaches it. Two Testcontainers behaviours would hang on a
 * machine without a registry, and both are read only from the process environment, so they are
 * checked before Testcontainers is touched: Ryuk (its reaper image is pulled unless
 * TESTCONTAINERS_RYUK_DISABLED=true; faultline removes its own containers by label instead), and,
 * when this JVM itself runs in a container, the gateway probe that starts a tiny pulled image
 * (TESTCONTAINERS_HOST_OVERRIDE skips it; nodes are reached on their bridge addresses anyway).
 */
public final class DockerEngine {
    private static final long PROBE_SECONDS = 30;

    private final DockerClient client;

    private DockerEngine(DockerClient client) {
        this.client = client;
    }

    public DockerClient client() {
        return client;
    }

    /**
     * Why the docker environment cannot run {@code images} here (no engine, an image not built), or
     * empty when it can. Tests skip on it locally; under {@code CI=true} they fail instead, since a
     * green run that skipped is a lie.
     */
    public static Optional<String> whyNotReady(java.util.List<String> images) {
        Optional<String> why = whyUnavailable();
        if (why.isPresent()) return why;
        try {
            DockerClient c = connect().client();
            for (String image : images) {
                try {
                    c.inspectImageCmd(image).exec();
                } catch (RuntimeException e) {
                    return Optional.of("image " + image + " is not built (" + DockerImages.BUILD_COMMAND + ")");
                }
            }
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    /** Whether this process runs under CI ({@code CI=true}), where a missing prerequisite is a failure. */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Why the docker environment cannot run here, or empty when an engine answers. */
    public static Optional<String> whyUnavailable() {
        return whyUnavailable(System.getenv(), Files.exists(Path.of("/.dockerenv")));
    }

    static Optional<String> whyUnavailable(Map<String, String> env, boolean insideContainer) {
        if (!"true".equalsIgnoreCase(env.getOrDefault("TESTCONTAINERS_RYUK_DISABLED", ""))) {
            return Optional.of("TESTCONTAINERS_RYUK_DISABLED=true is not set: Testcontainers would pull its Ryuk image "
                    + "and hang where no registry answers (faultline removes its containers by label itself; "
                    + "./faultline sets it)");
        }
        if (insideContainer && env.getOrDefault("TESTCONTAINERS_HOST_OVERRIDE", "").isBlank()) {
            return Optional.of("this JVM runs inside a container and TESTCONTAINERS_HOST_OVERRIDE is not set: "
                    + "Testcontainers would pull an image to find the gateway (set TESTCONTAINERS_HOST_OVERRIDE=localhost)");
        }
        if (!Files.exists(Path.of("/var/run/docker.sock")) && env.getOrDefault("DOCKER_HOST", "").isBlank()) {
            return Optional.of("no Docker engine: /var/run/docker.sock is missing (apt-get install -y docker.io, "
                    + "then start it with: dockerd >/var/log/dockerd.log 2>&1 &)");
        }
        return Optional.empty();
    }

    /**
     * Connects, bounded in time: an engine that does not answer within 30 s is reported, not
     * waited for.
     */
    public static DockerEngine connect() {
        Optional<String> why = whyUnavailable();
        if (why.isPresent()) {
            throw new EnvironmentException("the docker environment cannot run: " + why.get());
        }
        ExecutorService probe = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "faultline-docker-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Boolean> available = probe.submit(() -> DockerClientFactory.instance().isDockerAvailable());
            if (!available.get(PROBE_SECONDS, TimeUnit.SECONDS)) {
                throw new EnvironmentException("no Docker engine answers (start one with: dockerd >/var/log/dockerd.log 2>&1 &)");
            }
            return new DockerEngine(DockerClientFactory.instance().client());
        } catch (TimeoutException e) {
            throw new EnvironmentException("the Docker engine did not answer within " + PROBE_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("interrupted while connecting to Docker", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new EnvironmentException("cannot reach the Docker engine: " + e.getCause(), e.getCause());
        } finally {
            probe.shutdownNow();
        }
    }
}
