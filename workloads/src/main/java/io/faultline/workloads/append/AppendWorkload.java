package io.faultline.workloads.append;

import io.faultline.check.Checker;
import io.faultline.check.elle.IsolationSpec;
import io.faultline.check.elle.ListAppendChecker;
import io.faultline.check.elle.RwRegisterChecker;
import io.faultline.generator.Generator;
import io.faultline.generator.Generators;
import io.faultline.generator.Rng;
import io.faultline.workload.Workload;
import io.faultline.workload.WorkloadOptions;
import java.util.List;

/**
 * Multi-key list-append transactions (Elle), checked by the list-append checker for G0 ... G2,
 * lost updates, aborted and intermediate reads and duplicates. Settings: {@code keys} (active at
 * once, default 5), {@code appends-per-key} (default 30), {@code max-ops} (micro-ops per txn,
 * default 4), {@code consistency-models} (default strict-serializable: what raftstore, etcd and
 * ZooKeeper transactions all claim, so real-time and process order are checked too; the
 * result's summary names the model checked).
 */
final class AppendWorkload implements Workload {
    private final boolean registers;
    private final WorkloadOptions options;
    private final int keys;
    private final int appendsPerKey;
    private final int maxOps;
    private final IsolationSpec spec;

    /**
     * @param registers false: list-append (appends, reads return lists); true: Elle's rw-register
     *                  (writes of values unique in the run, reads return one value), same shapes
     */
    AppendWorkload(WorkloadOptions options, boolean registers) {
        this.registers = registers;
        this.options = options;
        this.keys = options.intSetting("keys", 5);
        this.appendsPerKey = options.intSetting("appends-per-key", 30);
        this.maxOps = options.intSetting("max-ops", 4);
        if (keys < 1 || appendsPerKey < 1 || maxOps < 1) {
            throw new IllegalArgumentException("--opt workload.keys, appends-per-key and max-ops must be >= 1");
        }
        try {
            this.spec = IsolationSpec.parse(options.settings().get("consistency-models"), null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--opt workload." + e.getMessage().substring(2), e);
        }
    }

    @Override
    public String name() {
        return registers ? "rw-register" : "append";
    }

    @Override
    public Generator generator() {
        return AppendTxns.start(Rng.seeded(options.seed() ^ 0x617070656e64L), keys, appendsPerKey, maxOps,
                registers ? "w" : "append");
    }

    @Override
    public Generator finalGenerator() {
        return Generators.empty();
    }

    @Override
    public List<Checker> checkers() {
        return List.of(registers ? new RwRegisterChecker(spec) : new ListAppendChecker(spec));
    }
}
