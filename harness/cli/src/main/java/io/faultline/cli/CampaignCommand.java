package io.faultline.cli;

import io.faultline.campaign.CampaignException;
import io.faultline.campaign.CampaignResult;
import io.faultline.campaign.CampaignRunner;
import io.faultline.campaign.CampaignSpec;
import io.faultline.campaign.CampaignValidator;
import io.faultline.campaign.RunExecutor;
import io.faultline.campaign.RunSpec;
import io.faultline.campaign.RunnerExecutor;
import io.faultline.campaign.Shard;
import io.faultline.campaign.ShardManifest;
import io.faultline.campaign.ShardPlan;
import io.faultline.runner.NemesisRegistry;
import io.faultline.store.StoreRegistry;
import io.faultline.workload.WorkloadRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "campaign", mixinStandardHelpOptions = true, subcommands = CampaignMergeCommand.class,
        description = "Run a matrix of tests (stores x workloads x nemeses x seeds x repeats) from a YAML file, one after "
                + "another; write a summary (text, HTML, JSON) and JUnit XML. Finished runs are skipped on a re-run. "
                + "With --shard I/N, run only shard I of N (one CI job each), then join them with 'campaign merge'.",
        footer = {"", "Exit codes: 0 every run as expected; 1 a run found an anomaly it should not have, or missed a store "
                + "fault it should have detected; 2 a checker could not decide; 3 the harness failed on a run or bad input.",
                "Example: ./faultline campaign campaigns/ci.yaml --results results",
                "Sharded: ./faultline campaign campaigns/ci.yaml --shard 2/4   (writes results/<name>/shard-2-of-4/)",
                "         ./faultline campaign merge results/<name> --results merged"})
final class CampaignCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE.yaml", description = "The campaign file (see campaigns/).")
    Path file;

    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR",
            description = "Results root; the campaign writes to DIR/<campaign name>/ (default: ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--dry-run", description = "Validate every run (store, workload, nemeses and their options) and list"
            + " the runs the file expands to (with --shard: the shard's runs), then exit; exit 3 on the first run that is not valid.")
    boolean dryRun;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run only shard I of N (counted from 1): a fixed share of the"
            + " runs, the same on every machine and re-run, every run in exactly one shard. Writes DIR/<campaign name>/shard-I-of-N/.")
    String shard;

    private final Supplier<CampaignValidator> validator;
    private final Supplier<RunExecutor> executor;

    CampaignCommand() {
        this(() -> new CampaignValidator(StoreRegistry.load(), WorkloadRegistry.load(), NemesisRegistry.load()),
                () -> new RunnerExecutor(Path.of(System.getProperty("faultline.home", ".")).toAbsolutePath().normalize()));
    }

    /** @param validator checks the file against the stores, workloads and nemeses at hand; @param executor runs one test */
    CampaignCommand(Supplier<CampaignValidator> validator, Supplier<RunExecutor> executor) {
        this.validator = validator;
        this.executor = executor;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Shard slice = null;
            if (shard != null) {
                try {
                    slice = Shard.parse(shard);
                } catch (IllegalArgumentException e) {
                    err.println("faultline campaign: --shard: " + e.getMessage());
                    return ExitCode.HARNESS_FAILURE;
                }
            }
            if (file == null) {
                err.println("faultline campaign: give a campaign file (FILE.yaml), or 'campaign merge DIR...' to merge shards");
                return ExitCode.HARNESS_FAILURE;
            }
            String yaml;
            try {
                yaml = Files.readString(file);
            } catch (IOException e) {
                throw new CampaignException(file + ": cannot read: " + e.getMessage(), e);
            }
            CampaignSpec campaign = CampaignSpec.parse(yaml, file.toString());
            validator.get().validate(campaign, file.toString());
            CampaignSpec toRun = campaign;
            ShardPlan plan = null;
            if (slice != null) {
                try {
                    plan = ShardPlan.of(campaign, slice.count());
                } catch (CampaignException e) {
                    throw new CampaignException("--shard " + slice + ": " + e.getMessage());
                }
                toRun = plan.select(slice);
            }
            if (dryRun) {
                toRun.runs().forEach(r -> out.println(r.id() + "  expect " + r.expect().wireName() + "  "
                        + r.timeLimitSeconds() + " s"));
                out.println(slice == null ? campaign.runs().size() + " runs"
                        : "shard " + slice + ": " + toRun.runs().size() + " of " + campaign.runs().size() + " runs");
                out.flush();
                return ExitCode.VALID;
            }
            CampaignRunner runner = new CampaignRunner(executor.get(), results, System.out, RunOutput.stdoutIsTerminal());
            CampaignResult r;
            if (slice == null) {
                r = runner.run(campaign);
            } else {
                Path dir = runner.dirOf(campaign).resolve(slice.folderName());
                ShardManifest.of(campaign, plan, slice, file.toString(), yaml, dir).write(dir);
                out.println("shard " + slice + " of campaign " + campaign.name() + ": " + toRun.runs().size() + " of "
                        + campaign.runs().size() + " runs: " + String.join(", ", toRun.runs().stream().map(RunSpec::id).toList()));
                out.flush();
                r = runner.run(toRun, dir);
                System.out.println("merge the shards' folders with: ./faultline campaign merge " + runner.dirOf(campaign));
            }
            return r.exitCode();
        } catch (CampaignException e) {
            err.println("faultline campaign: " + e.getMessage());
            return ExitCode.HARNESS_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("faultline campaign: interrupted; run the same command again to resume");
            return ExitCode.HARNESS_FAILURE;
        }
    }
}
