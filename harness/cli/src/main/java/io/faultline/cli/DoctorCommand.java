package io.faultline.cli;

import io.faultline.preflight.Check;
import io.faultline.preflight.Check.Status;
import io.faultline.runner.EnvironmentProvider;
import io.faultline.runner.EnvironmentRegistry;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check prerequisites (JDK, root and network namespaces, iptables, faketime, the etcd binary, "
                + "Docker and faultline's images) by trying them, and print the exact install command for each missing one.",
                "Exits 0 when everything a default run needs is there, 3 otherwise."})
final class DoctorCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        PrintStream out = System.out;
        boolean requiredMissing = false;
        List<EnvironmentProvider> providers = EnvironmentRegistry.load().providers();
        for (int i = 0; i < providers.size(); i++) {
            EnvironmentProvider p = providers.get(i);
            // The first section (this host) is the default run's; later ones are indented under their title.
            if (i > 0) out.println(p.title() + ":");
            requiredMissing |= print(out, p.doctor(), i == 0 ? "" : "  ");
        }
        out.println(requiredMissing ? "some prerequisites of './faultline run' are missing"
                : "everything './faultline run' needs is here");
        return requiredMissing ? ExitCode.HARNESS_FAILURE : ExitCode.VALID;
    }

    /** Prints one line per check (and its fix); true when a required one is missing. */
    static boolean print(PrintStream out, List<Check> checks, String indent) {
        boolean requiredMissing = false;
        for (Check c : checks) {
            String mark = switch (c.status()) {
                case OK -> "ok     ";
                case MISSING -> c.required() ? "MISSING" : "missing";
                case UNAVAILABLE -> "n/a    ";
            };
            out.printf("%s%s %-10s %s%n", indent, mark, c.name(), c.detail());
            if (c.status() != Status.OK && !c.fix().isEmpty()) {
                out.printf("%s%19s%s%n", indent, "fix: ", c.fix());
            }
            requiredMissing |= c.required() && c.status() == Status.MISSING;
        }
        return requiredMissing;
    }
}
