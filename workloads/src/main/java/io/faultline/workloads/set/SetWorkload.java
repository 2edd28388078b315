package io.faultline.workloads.set;

import io.faultline.check.Checker;
import io.faultline.check.set.SetChecker;
import io.faultline.generator.Generator;
import io.faultline.generator.Generators;
import io.faultline.workload.Workload;
import io.faultline.workload.WorkloadOptions;
import java.time.Duration;
import java.util.List;

/**
 * Unique adds to one set during the test (with {@code workload.read-every=N}, every N-th op reads
 * the set); after healing, reads until one succeeds. Checked by the
 * checkers' set checker (Jepsen's set-full): lost, unexpected and duplicated elements.
 */
final class SetWorkload implements Workload {
    static final String KEY = "set";

    private final int readEvery;

    SetWorkload(WorkloadOptions options) {
        this.readEvery = options.intSetting("read-every", 0);
        if (readEvery < 0 || readEvery == 1) {
            throw new IllegalArgumentException("--opt workload.read-every=" + readEvery + ": expected 0 (final read only) or 2 and more");
        }
    }

    @Override
    public String name() {
        return "set";
    }

    @Override
    public Generator generator() {
        return new SetAdds(KEY, 0, readEvery, 0);
    }

    @Override
    public Generator finalGenerator() {
        // Retry every 100 ms until one read succeeds; the runner bounds the final phase in time.
        return Generators.untilOk(Generators.delay(Duration.ofMillis(100),
                Generators.repeat(Generators.once("read", KEY, null))));
    }

    @Override
    public List<Checker> checkers() {
        return List.of(new SetChecker());
    }
}
