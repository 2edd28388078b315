package io.faultline.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "doctor", description = "Check prerequisites and print the install command for each missing one (not built yet: comes with the harness (issue 4))")
final class DoctorCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", hidden = true)
    List<String> ignored;

    @Override
    public Integer call() {
        return NotBuiltYet.report("doctor", "the harness (issue 4)");
    }
}
