package io.faultline.cli;

import io.faultline.docker.DockerCleanup;
import io.faultline.docker.DockerEngine;
import io.faultline.env.EnvironmentException;
import io.faultline.env.Leftovers;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = {"Remove every namespace, process, link and rule faultline made and left behind.",
                "Finds them by the state files of runs whose harness is gone and by name (faultline-* namespaces, "
                        + "flh-* links), and Docker containers and networks labelled faultline. Runs whose harness is still alive are left alone unless --all."})
final class CleanupCommand implements Callable<Integer> {

    @Option(names = "--all", description = "Also tear down runs whose harness process is still running.")
    boolean all;

    @Option(names = "--dry-run", description = "Say what would be removed; remove nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        Leftovers.Report r = Leftovers.clean(all, dryRun, System.out::println);
        int dockerRemoved = 0;
        try {
            List<String> docker = dockerLeftovers();
            docker.forEach(System.out::println);
            dockerRemoved = (int) docker.stream().filter(l -> !l.startsWith("docker: skipped")).count();
        } catch (EnvironmentException e) {
            System.err.println("faultline cleanup: docker: " + e.getMessage());
            return ExitCode.HARNESS_FAILURE;
        }
        if (!r.clean()) {
            System.err.println("faultline cleanup: could not remove: " + String.join("; ", r.failures()));
            System.err.println("faultline cleanup: removing namespaces and links needs root; check 'ip netns list' and 'ip link'.");
            return ExitCode.HARNESS_FAILURE;
        }
        if (dryRun) {
            System.out.println(r.lines().isEmpty() && dockerRemoved == 0 ? "nothing to remove" : "dry run: nothing was removed");
        } else {
            int removed = r.removed() + dockerRemoved;
            System.out.println(removed == 0 ? "nothing left behind" : "removed " + removed + " leftover(s)");
        }
        return ExitCode.VALID;
    }

    /** Containers and networks labelled faultline; a line saying why when Docker was not looked at. */
    private List<String> dockerLeftovers() {
        Optional<String> why = DockerEngine.whyUnavailable();
        if (why.isPresent()) return List.of("docker: skipped (" + why.get() + ")");
        if (dryRun) {
            return DockerCleanup.find(DockerEngine.connect().client(), Optional.empty()).stream()
                    .map(l -> "would remove docker " + l).toList();
        }
        return DockerCleanup.removeAllLeftovers();
    }
}
