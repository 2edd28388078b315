package io.faultline.cli;

import io.faultline.env.Leftovers;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = {"Remove every namespace, process, link and rule faultline made and left behind.",
                "Finds them by the state files of runs whose harness is gone and by name (faultline-* namespaces, "
                        + "flh-* links). Runs whose harness is still alive are left alone unless --all."})
final class CleanupCommand implements Callable<Integer> {

    @Option(names = "--all", description = "Also tear down runs whose harness process is still running.")
    boolean all;

    @Option(names = "--dry-run", description = "Say what would be removed; remove nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        Leftovers.Report r = Leftovers.clean(all, dryRun, System.out::println);
        if (!r.clean()) {
            System.err.println("faultline cleanup: could not remove: " + String.join("; ", r.failures()));
            System.err.println("faultline cleanup: removing namespaces and links needs root; check 'ip netns list' and 'ip link'.");
            return ExitCode.HARNESS_FAILURE;
        }
        if (dryRun) {
            System.out.println(r.lines().isEmpty() ? "nothing to remove" : "dry run: nothing was removed");
        } else {
            System.out.println(r.removed() == 0 ? "nothing left behind" : "removed " + r.removed() + " leftover(s)");
        }
        return ExitCode.VALID;
    }
}
