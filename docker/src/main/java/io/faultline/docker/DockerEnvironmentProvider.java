package io.faultline.docker;

import io.faultline.env.Environment;
import io.faultline.fault.Nemesis;
import io.faultline.preflight.Need;
import io.faultline.preflight.Tool;
import io.faultline.preflight.Tools;
import io.faultline.runner.EnvironmentProvider;
import io.faultline.runner.EnvironmentRequest;
import java.util.List;
import java.util.Optional;

/**
 * Nodes in containers. The fault tools and the store live in the images, so the host needs only
 * the docker command, an engine that answers and the store's image.
 */
public final class DockerEnvironmentProvider implements EnvironmentProvider {
    @Override
    public List<String> kinds() {
        return List.of("docker");
    }

    @Override
    public Environment create(EnvironmentRequest r) {
        return DockerEnvironment.create(DockerSpec.forStore(r.store(), r.runId(), r.nodes(), r.runDir(), r.clockFaults(),
                r.faultProxy(), r.home()));
    }

    @Override
    public List<Need> needs(String kind, String store, List<Nemesis> nemeses, List<Tool> storeTools) {
        Tools tools = new Tools();
        String env = "--env docker";
        return List.of(new Need(tools.docker(), env), new Need(tools.dockerEngine(), env),
                new Need(tools.dockerImage(DockerImages.forStore(store), DockerImages.BUILD_COMMAND), "--store " + store + " " + env));
    }

    @Override
    public String title() {
        return "docker (--env docker)";
    }

    @Override
    public List<io.faultline.preflight.Check> doctor() {
        return DockerDoctor.run();
    }

    /** Containers and networks labelled faultline; a line saying why when Docker was not looked at. */
    @Override
    public List<String> removeLeftovers(boolean all, boolean dryRun) {
        Optional<String> why = DockerEngine.whyUnavailable();
        if (why.isPresent()) return List.of("docker: skipped (" + why.get() + ")");
        if (dryRun) {
            return DockerCleanup.find(DockerEngine.connect().client(), Optional.empty()).stream()
                    .map(l -> "would remove docker " + l).toList();
        }
        return DockerCleanup.removeAllLeftovers();
    }

    @Override
    public Optional<String> whyUnavailable(String kind, String store) {
        return DockerEngine.whyNotReady(List.of(DockerImages.forStore(store)));
    }
}
