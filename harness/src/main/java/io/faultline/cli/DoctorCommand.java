package io.faultline.cli;

import io.faultline.env.Prerequisites;
import io.faultline.env.Prerequisites.Check;
import io.faultline.env.Prerequisites.Status;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check prerequisites (JDK, root and network namespaces, iptables, faketime, the etcd binary, "
                + "Docker) by trying them, and print the exact install command for each missing one.",
                "Exits 0 when everything a default run needs is there, 3 otherwise."})
final class DoctorCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        List<Check> checks = new Prerequisites().run();
        boolean requiredMissing = false;
        for (Check c : checks) {
            String mark = switch (c.status()) {
                case OK -> "ok     ";
                case MISSING -> c.required() ? "MISSING" : "missing";
                case UNAVAILABLE -> "n/a    ";
            };
            System.out.printf("%s %-10s %s%n", mark, c.name(), c.detail());
            if (c.status() != Status.OK && !c.fix().isEmpty()) {
                System.out.printf("%19s%s%n", "fix: ", c.fix());
            }
            requiredMissing |= c.required() && c.status() == Status.MISSING;
        }
        System.out.println(requiredMissing ? "some prerequisites of './faultline run' are missing"
                : "everything './faultline run' needs is here");
        return requiredMissing ? ExitCode.HARNESS_FAILURE : ExitCode.VALID;
    }
}
