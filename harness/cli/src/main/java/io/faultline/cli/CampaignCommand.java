package io.faultline.cli;

import io.faultline.campaign.CampaignException;
import io.faultline.campaign.CampaignResult;
import io.faultline.campaign.CampaignRunner;
import io.faultline.campaign.CampaignSpec;
import io.faultline.campaign.CampaignValidator;
import io.faultline.runner.NemesisRegistry;
import io.faultline.store.StoreRegistry;
import io.faultline.workload.WorkloadRegistry;
import io.faultline.campaign.RunnerExecutor;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "campaign", mixinStandardHelpOptions = true,
        description = "Run a matrix of tests (stores x workloads x nemeses x seeds x repeats) from a YAML file, one after "
                + "another; write a summary (text, HTML, JSON) and JUnit XML. Finished runs are skipped on a re-run.",
        footer = {"", "Exit codes: 0 every run as expected; 1 a run found an anomaly it should not have, or missed a store "
                + "fault it should have detected; 2 a checker could not decide; 3 the harness failed on a run or bad input.",
                "Example: ./faultline campaign campaigns/ci.yaml --results results"})
final class CampaignCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.yaml", description = "The campaign file (see campaigns/).")
    Path file;

    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR",
            description = "Results root; the campaign writes to DIR/<campaign name>/ (default: ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--dry-run", description = "Validate every run (store, workload, nemeses and their options) and list"
            + " the runs the file expands to, then exit; exit 3 on the first run that is not valid.")
    boolean dryRun;

    @Override
    public Integer call() {
        try {
            CampaignSpec spec = CampaignSpec.read(file);
            new CampaignValidator(StoreRegistry.load(), WorkloadRegistry.load(), NemesisRegistry.load())
                    .validate(spec, file.toString());
            if (dryRun) {
                spec.runs().forEach(r -> System.out.println(r.id() + "  expect " + r.expect().wireName() + "  "
                        + r.timeLimitSeconds() + " s"));
                System.out.println(spec.runs().size() + " runs");
                return ExitCode.VALID;
            }
            Path home = Path.of(System.getProperty("faultline.home", ".")).toAbsolutePath().normalize();
            CampaignRunner runner = new CampaignRunner(new RunnerExecutor(home), results, System.out, RunOutput.stdoutIsTerminal());
            CampaignResult r = runner.run(spec);
            return r.exitCode();
        } catch (CampaignException e) {
            System.err.println("faultline campaign: " + e.getMessage());
            return ExitCode.HARNESS_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("faultline campaign: interrupted; run the same command again to resume");
            return ExitCode.HARNESS_FAILURE;
        }
    }
}
