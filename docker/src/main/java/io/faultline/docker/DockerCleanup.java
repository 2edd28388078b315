package io.faultline.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds and removes what the docker environment made, by label: containers first (a network with
 * containers attached cannot be removed), then networks. Used at the end of a run, from the
 * shutdown hook, and by {@code ./faultline cleanup}.
 */
public final class DockerCleanup {
    public static final String LABEL = "faultline";

    private DockerCleanup() {
    }

    /** Containers and networks labelled {@code faultline} (any run when {@code runId} is empty), as "kind name" lines. */
    public static List<String> find(DockerClient client, Optional<String> runId) {
        List<String> found = new ArrayList<>();
        for (Container c : containers(client, runId)) {
            found.add("container " + name(c));
        }
        for (Network n : networks(client, runId)) {
            found.add("network " + n.getName());
        }
        return found;
    }

    /** Removes them; returns what was removed, and throws naming what could not be. */
    public static List<String> remove(DockerClient client, Optional<String> runId) {
        List<String> removed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Container c : containers(client, runId)) {
            try {
                client.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                removed.add("container " + name(c));
            } catch (NotFoundException e) {
                // Removed meanwhile by its own run.
            } catch (RuntimeException e) {
                failed.add("container " + name(c) + ": " + e.getMessage());
            }
        }
        for (Network n : networks(client, runId)) {
            try {
                client.removeNetworkCmd(n.getId()).exec();
                removed.add("network " + n.getName());
            } catch (NotFoundException e) {
                // Removed meanwhile by its own run.
            } catch (RuntimeException e) {
                failed.add("network " + n.getName() + ": " + e.getMessage());
            }
        }
        if (!failed.isEmpty()) {
            throw new io.faultline.env.EnvironmentException("could not remove " + String.join("; ", failed));
        }
        return removed;
    }

    /**
     * For {@code ./faultline cleanup}: removes every faultline container and network, or says why
     * Docker was not looked at (no engine, or Testcontainers not configured to run here).
     */
    public static List<String> removeAllLeftovers() {
        Optional<String> why = DockerEngine.whyUnavailable();
        if (why.isPresent()) {
            return List.of("docker: skipped (" + why.get() + ")");
        }
        return remove(DockerEngine.connect().client(), Optional.empty());
    }

    private static List<Container> containers(DockerClient client, Optional<String> runId) {
        return client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(filter(runId))).exec();
    }

    private static List<Network> networks(DockerClient client, Optional<String> runId) {
        // The engine's network label filter takes "key" or "key=value" like the container one.
        return client.listNetworksCmd().withFilter("label", List.of(filter(runId))).exec();
    }

    private static String filter(Optional<String> runId) {
        return runId.map(id -> LABEL + "=" + id).orElse(LABEL);
    }

    private static String name(Container c) {
        String[] names = c.getNames();
        return names != null && names.length > 0 ? names[0].replaceFirst("^/", "") : c.getId().substring(0, 12);
    }
}
