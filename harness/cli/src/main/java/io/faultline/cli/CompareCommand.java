package io.faultline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.campaign.CampaignException;
import io.faultline.campaign.CampaignResult;
import io.faultline.campaign.CampaignRunner;
import io.faultline.campaign.CampaignSpec;
import io.faultline.campaign.RunOutcome;
import io.faultline.campaign.RunnerExecutor;
import io.faultline.report.CompareRow;
import io.faultline.report.ComparePage;
import io.faultline.report.Comparison;
import io.faultline.report.ReportException;
import io.faultline.report.RunFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import io.faultline.runner.NemesisPackage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run the same workload, nemesis and seed against several stores, one after another, and put"
                + " throughput, latency, availability per fault and every checker's verdict side by side, with each"
                + " store's settings (console table and compare.html).",
        footer = {"", "Exit codes: 0 every store kept every guarantee; 1 some store broke one; 2 undecided; 3 harness failure.",
                "Example: ./faultline compare --store raftstore,etcd,zookeeper --workload register --nemesis partition",
                "Absolute figures are this machine's; --rounds N repeats the stores in turn and reports medians."})
final class CompareCommand implements Callable<Integer> {

    @Option(names = "--store", required = true, split = ",", description = "A store to compare (repeat, or a comma list).")
    List<String> stores;

    @Option(names = "--workload", defaultValue = "register", split = ",",
            description = "Workload(s), a comma list (default: ${DEFAULT-VALUE}).")
    List<String> workloads;

    @Option(names = "--nemesis", defaultValue = NemesisPackage.DEFAULT, description = "Faults, a comma list, or none (default: ${DEFAULT-VALUE}).")
    String nemesis;

    @Option(names = "--seed", defaultValue = "1", description = "Seed shared by every store's run; round r uses seed + r (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--rounds", defaultValue = "1", description = "Rounds: in each, every store runs once, in turn; the table gives medians (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--time-limit", defaultValue = "30", paramLabel = "SECONDS", description = "Main phase per run (default: ${DEFAULT-VALUE}).")
    double timeLimit;

    @Option(names = "--nemesis-interval", defaultValue = NemesisPackage.DEFAULT_INTERVAL_S, paramLabel = "SECONDS", description = "Default: ${DEFAULT-VALUE}.")
    double interval;

    @Option(names = "--concurrency", defaultValue = "10", description = "Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--rate", defaultValue = "100", description = "Target ops/s in total (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--env", defaultValue = "auto", description = "Environment: local, loopback, docker, ssh (remote hosts:"
            + " --hosts; one node per host), auto (default: ${DEFAULT-VALUE}).")
    String env;

    @Mixin
    SshOptions ssh = new SshOptions();

    @Option(names = "--etcd-bin", paramLabel = "PATH",
            description = "The etcd binary (default: etcd on PATH); under --env ssh it is uploaded to the hosts. Same as --opt store.etcd-bin=PATH.")
    String etcdBin;

    @Option(names = "--warmup", defaultValue = "10", paramLabel = "SECONDS",
            description = "Warm-up load per store before its measured phase, outside the history (store.warmup-s; default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--opt", paramLabel = "KEY=VALUE", description = "Extra setting for every run: store.X, workload.X, nemesis.X"
            + " (store.jvm-opts=... replaces the JVM stores' default options).")
    Map<String, String> opts = new LinkedHashMap<>();

    @Mixin
    ResultsRoot results = new ResultsRoot();

    @Override
    public Integer call() {
        if (!(warmup >= 0 && warmup <= 600)) {
            System.err.println("faultline compare: --warmup must be 0 to 600 seconds, got " + warmup);
            return ExitCode.HARNESS_FAILURE;
        }
        if (rounds < 1 || rounds > 100) {
            System.err.println("faultline compare: --rounds must be 1 to 100, got " + rounds);
            return ExitCode.HARNESS_FAILURE;
        }
        try {
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"));
            CampaignSpec spec = CampaignSpec.parse(yaml(stamp), "compare options");
            Path home = Path.of(System.getProperty("faultline.home", ".")).toAbsolutePath().normalize();
            CampaignRunner runner = new CampaignRunner(new RunnerExecutor(home), results.dir, System.out, RunOutput.stdoutIsTerminal());
            CampaignResult r = runner.run(spec);
            System.out.println();
            Comparison cmp = comparison(r);
            System.out.print(cmp.table());
            for (RunOutcome o : r.runs()) if (o.harnessFailed()) System.out.println(o.spec().id() + ": " + o.message());
            Path page = runner.dirOf(spec).resolve("compare.html");
            new ComparePage().write(page, spec.name(), cmp);
            System.out.println("compare: " + page);
            return r.exitCode();
        } catch (CampaignException | IllegalArgumentException e) {
            System.err.println("faultline compare: " + e.getMessage());
            return ExitCode.HARNESS_FAILURE;
        } catch (IOException | ReportException e) {
            System.err.println("faultline compare: cannot write the comparison: " + e.getMessage());
            return ExitCode.HARNESS_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.HARNESS_FAILURE;
        }
    }

    /** Every run that produced a folder, read back (a run the harness failed has none and is listed apart). */
    static Comparison comparison(CampaignResult r) throws ReportException {
        List<CompareRow> rows = new ArrayList<>();
        for (RunOutcome o : r.runs()) if (!o.harnessFailed() && o.dir() != null) rows.add(CompareRow.of(RunFolder.read(Path.of(o.dir()))));
        return new Comparison(rows);
    }

    /**
     * The comparison as a campaign (same progress, summaries and JUnit XML): explicit runs, round
     * by round and within a round every store in turn (the order rotated by one each round), so that
     * the machine's drift and the harness's own warm-up hit the stores alike. A fresh folder per invocation: a comparison never reuses runs of an earlier one.
     * Throws {@link IllegalArgumentException} naming the flag (or hosts file line) that is wrong.
     */
    String yaml(String stamp) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode top = m.createObjectNode();
        // A campaign name allows letters, digits, '.', '_' and '-' only (it names the results folder).
        top.put("name", "compare-" + String.join("_", workloads).replaceAll("[^A-Za-z0-9_.-]", "_") + "-"
                + nemesis.replaceAll("[^A-Za-z0-9_.-]", "_") + "-s" + seed + "-" + stamp);
        ObjectNode d = top.putObject("defaults");
        d.put("nemesis", nemesis).put("time-limit", timeLimit).put("nemesis-interval", interval)
                .put("concurrency", concurrency).put("rate", rate).put("env", env);
        // The ssh settings as run takes them (SshOptions), under their campaign names; one node per host.
        Map<String, String> remote = ssh.settings(env, Optional.ofNullable(etcdBin));
        remote.forEach(d::put);
        if (!remote.isEmpty()) d.put("nodes", io.faultline.runner.RemoteHosts.fromSettings(remote).hosts().size());
        ObjectNode o = d.putObject("opts");
        o.put("store.warmup-s", Double.toString(warmup));
        if (etcdBin != null) o.put("store.etcd-bin", etcdBin);
        opts.forEach(o::put);
        ArrayNode runs = top.putArray("runs");
        for (int round = 0; round < rounds; round++) {
            for (String w : workloads) {
                for (int i = 0; i < stores.size(); i++) {
                    // Rotated each round: the first run of an invocation also pays for compiling the
                    // harness itself (measured: 0.60 ms of harness CPU per op against 0.28 later), and
                    // must not always fall on the same store.
                    String s = stores.get((i + round) % stores.size()).trim();
                    runs.addObject().put("store", s).put("workload", w.trim()).put("seed", seed + round);
                }
            }
        }
        try {
            return m.writeValueAsString(top);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
