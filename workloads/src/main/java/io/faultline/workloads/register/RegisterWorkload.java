package io.faultline.workloads.register;

import io.faultline.check.Checker;
import io.faultline.generator.Generator;
import io.faultline.generator.Generators;
import io.faultline.generator.Rng;
import io.faultline.linear.model.RegisterModel;
import io.faultline.workload.Workload;
import io.faultline.workload.WorkloadOptions;
import io.faultline.workloads.Linearizability;
import java.time.Duration;
import java.util.List;

/**
 * Independent cas registers: read, write and cas on many keys, each key retired after a bounded
 * number of ops; checked for linearizability per key (cas-register model, partitioned by key).
 * Settings: {@code keys} (active at once, default half the concurrency), {@code ops-per-key}
 * (default 100), {@code values} (distinct values written, default 5), {@code check-timeout-s}.
 */
final class RegisterWorkload implements Workload {
    private final WorkloadOptions options;
    private final int keys;
    private final int opsPerKey;
    private final int values;
    private final int checkTimeout;

    RegisterWorkload(WorkloadOptions options) {
        this.options = options;
        this.keys = options.intSetting("keys", Math.max(1, options.concurrency() / 2));
        this.opsPerKey = options.intSetting("ops-per-key", 100);
        this.values = options.intSetting("values", 5);
        this.checkTimeout = options.intSetting("check-timeout-s", 300);
        if (keys < 1 || opsPerKey < 1 || values < 1 || checkTimeout < 1) {
            throw new IllegalArgumentException("--opt workload.keys, ops-per-key, values and check-timeout-s must be >= 1");
        }
    }

    @Override
    public String name() {
        return "register";
    }

    @Override
    public Generator generator() {
        return RegisterOps.start(Rng.seeded(options.seed() ^ 0x7265676973746572L), keys, opsPerKey, values);
    }

    @Override
    public Generator finalGenerator() {
        return Generators.empty();
    }

    @Override
    public List<Checker> checkers() {
        return List.of(Linearizability.within(RegisterModel.casRegister(), Duration.ofSeconds(checkTimeout)));
    }
}
