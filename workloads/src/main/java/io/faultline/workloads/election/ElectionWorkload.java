package io.faultline.workloads.election;

import io.faultline.check.Checker;
import io.faultline.check.election.ElectionChecker;
import io.faultline.generator.Generator;
import io.faultline.generator.Generators;
import io.faultline.workload.Workload;
import io.faultline.workload.WorkloadOptions;
import java.time.Duration;
import java.util.List;

/**
 * Leader election: every client process campaigns for one election, and once it leads it holds
 * leadership for a while ({@code holds} hold ops, {@code hold-ms} apart; each hold is acknowledged
 * only while the client still believes it leads: its lease or session is alive) and resigns. The
 * store's clients return the fencing token of each won campaign (etcd: the revision of the leader
 * key; ZooKeeper: the sequence number of the candidate's znode). Checked for at most one leader at
 * any real time and for increasing fencing tokens; each overlap is reported with times and nodes.
 */
final class ElectionWorkload implements Workload {
    static final String ELECTION = "leader";

    private final int holds;
    private final int holdMillis;

    ElectionWorkload(WorkloadOptions options) {
        this.holds = options.intSetting("holds", 4);
        this.holdMillis = options.intSetting("hold-ms", 250);
        if (holds < 0 || holdMillis < 1) {
            throw new IllegalArgumentException("--opt workload.holds must be >= 0 and workload.hold-ms >= 1");
        }
    }

    @Override
    public String name() {
        return "election";
    }

    @Override
    public Generator generator() {
        return Generators.eachThread(Generators.cycle(
                Generators.once("acquire", ELECTION, null),
                Generators.delay(Duration.ofMillis(holdMillis), Generators.repeat(holds, Generators.once("hold", ELECTION, null))),
                Generators.once("release", ELECTION, null),
                Generators.sleep(Duration.ofMillis(holdMillis))));
    }

    @Override
    public Generator finalGenerator() {
        return Generators.empty();
    }

    @Override
    public List<Checker> checkers() {
        return List.of(new ElectionChecker());
    }
}
