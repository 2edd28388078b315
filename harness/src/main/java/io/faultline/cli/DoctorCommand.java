package io.faultline.cli;

import io.faultline.docker.DockerDoctor;
import io.faultline.env.Prerequisites;
import io.faultline.env.Prerequisites.Check;
import io.faultline.env.Prerequisites.Status;
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
        // The docker section below supersedes the one-line docker check: it also covers images.
        List<Check> host = new Prerequisites().run().stream().filter(c -> !c.name().equals("docker")).toList();
        List<Check> docker = DockerDoctor.run();
        PrintStream out = System.out;
        boolean requiredMissing = print(out, host, "");
        out.println("docker (--env docker):");
        requiredMissing |= print(out, docker, "  ");
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
