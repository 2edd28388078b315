package io.faultline.cli;

import io.faultline.env.EnvironmentException;
import io.faultline.runner.EnvironmentProvider;
import io.faultline.runner.EnvironmentRegistry;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Option(names = "--env", paramLabel = "KIND", description = "Only this environment's leftovers; --env ssh with --hosts"
            + " cleans remote hosts (their state files, processes, FAULTLINE-* chains, run directories).")
    String env;

    @Mixin
    SshOptions ssh = new SshOptions();

    @Override
    public Integer call() {
        int found = 0;
        EnvironmentRegistry registry = EnvironmentRegistry.load();
        java.util.Map<String, String> settings;
        try {
            if (env != null) registry.requireKnown(env, "--env");
            if (ssh.given() && !"ssh".equals(env)) throw new IllegalArgumentException("--hosts and --hosts-file need --env ssh");
            settings = "ssh".equals(env) ? ssh.settings() : java.util.Map.of();
        } catch (IllegalArgumentException e) {
            System.err.println("faultline cleanup: " + e.getMessage());
            return ExitCode.HARNESS_FAILURE;
        }
        for (EnvironmentProvider p : registry.providers()) {
            if (env != null && !p.kinds().contains(env)) continue;
            List<String> lines;
            try {
                lines = p.removeLeftovers(all, dryRun, settings);
            } catch (EnvironmentException e) {
                System.err.println("faultline cleanup: " + p.title() + ": " + e.getMessage());
                return ExitCode.HARNESS_FAILURE;
            }
            lines.forEach(System.out::println);
            found += (int) lines.stream().filter(l -> !l.contains("skipped (")).count();
        }
        if (dryRun) {
            System.out.println(found == 0 ? "nothing to remove" : "dry run: nothing was removed");
        } else {
            System.out.println(found == 0 ? "nothing left behind" : "removed " + found + " leftover(s)");
        }
        return ExitCode.VALID;
    }
}
