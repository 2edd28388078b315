package io.faultline.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "check", description = "Check a history file against a model (not built yet: comes with the linearizability checker (issue 2))")
final class CheckCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", hidden = true)
    List<String> ignored;

    @Override
    public Integer call() {
        return NotBuiltYet.report("check", "the linearizability checker (issue 2)");
    }
}
