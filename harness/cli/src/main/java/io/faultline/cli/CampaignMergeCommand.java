package io.faultline.cli;

import io.faultline.campaign.CampaignException;
import io.faultline.campaign.CampaignMerge;
import io.faultline.campaign.Summary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge the folders of a sharded campaign (campaign FILE --shard I/N) into one summary (text, HTML, "
                + "JSON), JUnit XML and state, as if the campaign had run on one machine. Each DIR is a shard folder "
                + "(RESULTS/<campaign>/shard-I-of-N) or a folder holding shard folders, e.g. downloaded CI artifacts.",
        footer = {"", "Exit codes: as for an unsharded campaign (0 every run as expected; 1 an anomaly where valid was "
                + "expected, or a store fault not detected; 2 a checker could not decide; 3 a harness failure), and 3 when "
                + "a shard or a run is missing, or the folders are shards of different campaigns or overlap.",
                "Example: ./faultline campaign merge artifacts/ --results results"})
final class CampaignMergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Shard folders, or folders holding them.")
    List<Path> dirs;

    @Option(names = "--results", defaultValue = "results", paramLabel = "OUT",
            description = "Results root; the merged campaign is written to OUT/<campaign name>/ (default: ${DEFAULT-VALUE}).")
    Path results;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CampaignMerge.Merged m;
        try {
            m = new CampaignMerge().merge(dirs, results);
        } catch (CampaignException e) {
            err.println("faultline campaign merge: " + e.getMessage());
            return ExitCode.HARNESS_FAILURE;
        }
        out.println("merged shards " + m.shards().stream().map(Object::toString).collect(Collectors.joining(", "))
                + " of campaign " + m.result().name() + " (" + m.source() + ") into " + m.dir());
        out.println();
        out.print(Summary.text(m.result()));
        out.println("summary: " + m.dir().resolve("summary.txt") + ", " + m.dir().resolve("summary.html") + ", "
                + m.dir().resolve("summary.json"));
        out.println("junit:   " + m.dir().resolve("junit.xml"));
        out.flush();
        for (String p : m.problems()) err.println("faultline campaign merge: INCOMPLETE: " + p);
        err.flush();
        return m.result().exitCode();
    }
}
