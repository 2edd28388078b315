package io.faultline.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "compare", description = "Compare stores under the same workload and faults (not built yet: comes with etcd and ZooKeeper stores (issue 6))")
final class CompareCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", hidden = true)
    List<String> ignored;

    @Override
    public Integer call() {
        return NotBuiltYet.report("compare", "etcd and ZooKeeper stores (issue 6)");
    }
}
