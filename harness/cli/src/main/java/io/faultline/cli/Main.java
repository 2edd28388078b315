package io.faultline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./faultline}: dispatches to one subcommand per file in this package. */
@Command(name = "faultline",
        mixinStandardHelpOptions = true,
        version = "faultline 0.1.0",
        description = "Consistency testing harness: drives real clusters under faults, records a history, checks it.",
        subcommands = {
                RunCommand.class,
                CheckCommand.class,
                ExportCommand.class,
                ReportCommand.class,
                CompareCommand.class,
                CampaignCommand.class,
                ServeCommand.class,
                DoctorCommand.class,
                CleanupCommand.class,
                CommandLine.HelpCommand.class
        },
        footer = {"", "Exit codes: 0 valid, 1 anomaly found, 2 unknown, 3 harness failure (bad arguments, environment missing)."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code instead of exiting, so tests can call it. */
    public static int execute(String... args) {
        CommandLine cmd = new CommandLine(new Main());
        // Bad arguments are a harness failure (3), not picocli's default 2, which means "unknown".
        cmd.setExitCodeExceptionMapper(t -> ExitCode.HARNESS_FAILURE);
        cmd.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("faultline: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.HARNESS_FAILURE;
        });
        cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("faultline: " + ex);
            ex.printStackTrace(c.getErr());
            return ExitCode.HARNESS_FAILURE;
        });
        return cmd.execute(args);
    }
}
