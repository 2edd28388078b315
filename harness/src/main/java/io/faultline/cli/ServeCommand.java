package io.faultline.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "serve", description = "Browse results in a small web UI (not built yet: comes with reports and campaigns (issue 7))")
final class ServeCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", hidden = true)
    List<String> ignored;

    @Override
    public Integer call() {
        return NotBuiltYet.report("serve", "reports and campaigns (issue 7)");
    }
}
