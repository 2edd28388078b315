package io.faultline.workloads.session;

import io.faultline.check.Checker;
import io.faultline.check.session.Guarantee;
import io.faultline.check.session.SessionChecker;
import io.faultline.generator.Generator;
import io.faultline.generator.Generators;
import io.faultline.generator.Rng;
import io.faultline.linear.model.RegisterModel;
import io.faultline.workload.Workload;
import io.faultline.workload.WorkloadOptions;
import io.faultline.workloads.Linearizability;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Session guarantees: each client process stays on one node (the runner pins worker {@code t} to
 * node {@code t mod n}, and the store clients connect only to that node), reads and writes a few
 * shared keys with unique values, and the history is checked for linearizability per key and for
 * the four session guarantees per process. Which reads the store serves (etcd serializable,
 * ZooKeeper without sync, raftstore follower reads) is the store's {@code read-mode} setting.
 * Settings: {@code keys} (active at once, default 3), {@code ops-per-key} (default 200),
 * {@code read-percent} (default 70), {@code check-timeout-s} (default 300).
 */
final class SessionWorkload implements Workload {
    private final WorkloadOptions options;
    private final int keys;
    private final int opsPerKey;
    private final int readPercent;
    private final int checkTimeout;

    SessionWorkload(WorkloadOptions options) {
        this.options = options;
        this.keys = options.intSetting("keys", 3);
        this.opsPerKey = options.intSetting("ops-per-key", 200);
        this.readPercent = options.intSetting("read-percent", 70);
        this.checkTimeout = options.intSetting("check-timeout-s", 300);
        if (keys < 1 || opsPerKey < 1 || checkTimeout < 1) {
            throw new IllegalArgumentException("--opt workload.keys, ops-per-key and check-timeout-s must be >= 1");
        }
        if (readPercent < 0 || readPercent > 100) {
            throw new IllegalArgumentException("--opt workload.read-percent=" + readPercent + ": expected 0 to 100");
        }
    }

    @Override
    public String name() {
        return "session";
    }

    @Override
    public Generator generator() {
        return SessionOps.start(Rng.seeded(options.seed() ^ 0x73657373696f6eL), keys, opsPerKey, readPercent);
    }

    @Override
    public Generator finalGenerator() {
        return Generators.empty();
    }

    @Override
    public List<Checker> checkers() {
        List<Checker> all = new ArrayList<>();
        all.add(Linearizability.within(RegisterModel.register(), Duration.ofSeconds(checkTimeout)));
        for (Guarantee g : Guarantee.values()) all.add(new SessionChecker(g));
        return all;
    }
}
