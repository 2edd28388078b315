package io.faultline.testing.fake;

import io.faultline.check.Checker;
import io.faultline.generator.Generator;
import io.faultline.generator.Generators;
import io.faultline.generator.Rng;
import io.faultline.linear.LinearizabilityChecker;
import io.faultline.linear.model.RegisterModel;
import io.faultline.workload.Workload;
import io.faultline.workload.WorkloadOptions;
import io.faultline.workload.WorkloadProvider;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The smallest workload the runner can drive against {@link InMemoryStore}: writes of 1 and 2 and
 * reads of one register, checked for linearizability (or by the checkers a test gives). For tests
 * of the runner, not of a store.
 */
public final class FakeRegisterWorkload implements WorkloadProvider {
    private final Function<WorkloadOptions, List<Checker>> checkers;

    public FakeRegisterWorkload() {
        this(options -> List.of(new LinearizabilityChecker(RegisterModel.casRegister(), null, Duration.ofSeconds(60), 1)));
    }

    /** @param checkers the checkers of the workload made for a run, given the run's options (a test may keep them) */
    public FakeRegisterWorkload(Function<WorkloadOptions, List<Checker>> checkers) {
        this.checkers = checkers;
    }

    @Override
    public String name() {
        return "register";
    }

    @Override
    public String description() {
        return "test double";
    }

    @Override
    public Workload create(WorkloadOptions options) {
        return new Registers(options.seed(), checkers.apply(options));
    }

    /** The workload of one run. */
    private record Registers(long seed, List<Checker> checkers) implements Workload {
        @Override
        public String name() {
            return "register";
        }

        @Override
        public Generator generator() {
            return Generators.mix(Rng.seeded(seed), Generators.repeat(Generators.once("write", "k", 1L)),
                    Generators.repeat(Generators.once("write", "k", 2L)), Generators.repeat(Generators.once("read", "k", null)));
        }

        @Override
        public Generator finalGenerator() {
            return Generators.empty();
        }
    }
}
