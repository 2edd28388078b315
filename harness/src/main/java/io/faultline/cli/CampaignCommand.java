package io.faultline.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "campaign", description = "Run a matrix of tests from a YAML file and write JUnit XML (not built yet: comes with reports and campaigns (issue 7))")
final class CampaignCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", hidden = true)
    List<String> ignored;

    @Override
    public Integer call() {
        return NotBuiltYet.report("campaign", "reports and campaigns (issue 7)");
    }
}
