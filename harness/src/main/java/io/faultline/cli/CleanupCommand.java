package io.faultline.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "cleanup", description = "Remove every namespace, process, container and rule faultline made (not built yet: comes with the harness (issue 4))")
final class CleanupCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", hidden = true)
    List<String> ignored;

    @Override
    public Integer call() {
        return NotBuiltYet.report("cleanup", "the harness (issue 4)");
    }
}
