package io.faultline.cli;

import io.faultline.campaign.CampaignException;
import io.faultline.campaign.CampaignResult;
import io.faultline.campaign.CampaignRunner;
import io.faultline.campaign.CampaignSpec;
import io.faultline.campaign.RunOutcome;
import io.faultline.campaign.RunnerExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run the same workload, nemesis and seed against several stores (through the campaign machinery) "
                + "and print which guarantees each kept.",
        footer = {"", "Exit codes: 0 every store kept every guarantee; 1 some store broke one; 2 undecided; 3 harness failure.",
                "Example: ./faultline compare --store raftstore --store etcd --store zookeeper --workload register --nemesis partition"})
final class CompareCommand implements Callable<Integer> {

    @Option(names = "--store", required = true, split = ",", description = "A store to compare (repeat, or a comma list).")
    List<String> stores;

    @Option(names = "--workload", defaultValue = "register", description = "Workload (default: ${DEFAULT-VALUE}).")
    String workload;

    @Option(names = "--nemesis", defaultValue = "partition,kill", description = "Faults, a comma list, or none (default: ${DEFAULT-VALUE}).")
    String nemesis;

    @Option(names = "--seed", defaultValue = "1", description = "Seed shared by every store's run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--time-limit", defaultValue = "30", paramLabel = "SECONDS", description = "Main phase per run (default: ${DEFAULT-VALUE}).")
    double timeLimit;

    @Option(names = "--nemesis-interval", defaultValue = "5", paramLabel = "SECONDS", description = "Default: ${DEFAULT-VALUE}.")
    double interval;

    @Option(names = "--concurrency", defaultValue = "10", description = "Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--rate", defaultValue = "100", description = "Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--env", defaultValue = "auto", description = "Environment (default: ${DEFAULT-VALUE}).")
    String env;

    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR", description = "Results root (default: ${DEFAULT-VALUE}).")
    Path results;

    @Override
    public Integer call() {
        try {
            CampaignSpec spec = CampaignSpec.parse(yaml(), "compare options");
            Path home = Path.of(System.getProperty("faultline.home", ".")).toAbsolutePath().normalize();
            CampaignResult r = new CampaignRunner(new RunnerExecutor(home), results, System.out, RunOutput.stdoutIsTerminal()).run(spec);
            System.out.println();
            System.out.print(table(r));
            return r.exitCode();
        } catch (CampaignException e) {
            System.err.println("faultline compare: " + e.getMessage());
            return ExitCode.HARNESS_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.HARNESS_FAILURE;
        }
    }

    /** The comparison as a campaign, so it gets the same progress, summaries, JUnit XML and resume. */
    String yaml() {
        StringBuilder y = new StringBuilder();
        y.append("name: compare-").append(workload.replaceAll("[^A-Za-z0-9_.-]", "_")).append('-')
                .append(nemesis.replaceAll("[^A-Za-z0-9_.-]", "_")).append("-s").append(seed).append('\n');
        y.append("matrix:\n  stores: [");
        for (int i = 0; i < stores.size(); i++) y.append(i > 0 ? ", " : "").append('"').append(stores.get(i).trim()).append('"');
        y.append("]\n  workload: \"").append(workload).append("\"\n  nemesis: \"").append(nemesis).append("\"\n  seed: ").append(seed)
                .append("\n  time-limit: ").append(timeLimit).append("\n  nemesis-interval: ").append(interval)
                .append("\n  concurrency: ").append(concurrency).append("\n  rate: ").append(rate).append("\n  env: \"").append(env).append("\"\n");
        return y.toString();
    }

    /** Rows are stores, columns the guarantees (one per checker); cells say kept / BROKEN / unknown. */
    static String table(CampaignResult r) {
        Set<String> guarantees = new LinkedHashSet<>();
        for (RunOutcome o : r.runs()) guarantees.addAll(o.checkers().keySet());
        List<String[]> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("store"));
        head.addAll(guarantees);
        head.addAll(List.of("anomalies", "availability", "p99 ms"));
        rows.add(head.toArray(String[]::new));
        for (RunOutcome o : r.runs()) {
            List<String> row = new ArrayList<>(List.of(o.spec().store()));
            for (String g : guarantees) {
                String v = o.harnessFailed() ? "error" : o.checkers().getOrDefault(g, "-");
                row.add(switch (v) {
                    case "valid" -> "kept";
                    case "invalid" -> "BROKEN";
                    default -> v;
                });
            }
            row.add(Integer.toString(o.anomalies().size()));
            row.add(Double.isFinite(o.availability()) ? String.format(Locale.ROOT, "%.1f%%", o.availability() * 100) : "-");
            row.add(Double.isFinite(o.p99Millis()) ? String.format(Locale.ROOT, "%.0f", o.p99Millis()) : "-");
            rows.add(row.toArray(String[]::new));
        }
        int[] w = new int[rows.getFirst().length];
        for (String[] row : rows) for (int i = 0; i < row.length; i++) w[i] = Math.max(w[i], row[i].length());
        StringBuilder b = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                b.append(row[i]);
                if (i + 1 < row.length) b.append(" ".repeat(w[i] - row[i].length())).append("  ");
            }
            b.append('\n');
        }
        for (RunOutcome o : r.runs()) if (o.harnessFailed()) b.append(o.spec().store()).append(": ").append(o.message()).append('\n');
        return b.toString();
    }
}
