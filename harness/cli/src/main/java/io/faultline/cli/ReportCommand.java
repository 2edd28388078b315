package io.faultline.cli;

import io.faultline.check.CheckResult;
import io.faultline.report.Recheck;
import io.faultline.report.ReportBuilder;
import io.faultline.report.ReportException;
import io.faultline.report.RunFolder;
import io.faultline.workload.WorkloadRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rebuild report.html and the PNG plots of a results folder; --recheck re-runs the checkers first.",
        footer = {"", "RESULTS_DIR is a run folder (results/<test>/<time>/) or a link to one such as results/latest.",
                "Exit codes: with --recheck, the verdict's code (0 valid, 1 anomaly, 2 unknown); otherwise 0; 3 on errors.",
                "Example: ./faultline report results/latest --recheck"})
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RESULTS_DIR", description = "The run folder.")
    Path dir;

    @Option(names = "--recheck", description = "Re-run the workload's checkers on history.jsonl and rewrite results.json.")
    boolean recheck;

    @Override
    public Integer call() {
        try {
            Path d = dir.toRealPath();
            if (!Files.isDirectory(d)) throw new ReportException(dir + ": not a folder");
            RunFolder run = RunFolder.read(d);
            int code = ExitCode.VALID;
            if (recheck) {
                Recheck.Outcome o = new Recheck(WorkloadRegistry.load()).run(run);
                for (CheckResult r : o.results()) {
                    System.out.println(r.checker() + ": " + r.verdict().name().toLowerCase(Locale.ROOT) + " - " + r.summary());
                }
                code = o.exitCode();
                if (!o.faultShortfall().isEmpty()) System.out.println("FAULTS NOT VERIFIED: " + o.faultShortfall());
                run = RunFolder.read(d);
            }
            ReportBuilder.Written w = new ReportBuilder().build(run);
            System.out.println("report: " + w.report());
            for (Path p : w.pngs()) System.out.println("plot:   " + p);
            return code;
        } catch (ReportException e) {
            System.err.println("faultline report: " + e.getMessage());
            return ExitCode.HARNESS_FAILURE;
        } catch (java.io.IOException e) {
            System.err.println("faultline report: " + dir + ": " + e.getMessage());
            return ExitCode.HARNESS_FAILURE;
        }
    }
}
