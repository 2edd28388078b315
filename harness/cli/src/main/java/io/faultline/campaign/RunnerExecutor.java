package io.faultline.campaign;

import io.faultline.runner.HarnessFailure;
import io.faultline.runner.NemesisRegistry;
import io.faultline.runner.RunListener;
import io.faultline.runner.RunResult;
import io.faultline.runner.Runner;
import io.faultline.runner.EnvironmentRegistry;
import io.faultline.store.StoreRegistry;
import io.faultline.test.TestDefinition;
import io.faultline.workload.WorkloadRegistry;
import java.nio.file.Path;

/** Runs campaign runs through the real {@link Runner}, with the registries on the class path. */
public final class RunnerExecutor implements RunExecutor {
    private final StoreRegistry stores = StoreRegistry.load();
    private final WorkloadRegistry workloads = WorkloadRegistry.load();
    private final NemesisRegistry nemeses = NemesisRegistry.load();
    private final Path home;

    public RunnerExecutor(Path home) {
        this.home = home;
    }

    @Override
    public RunResult run(TestDefinition def, RunListener listener) throws HarnessFailure, InterruptedException {
        Runner runner = new Runner(stores, workloads, nemeses, EnvironmentRegistry.load(), home, listener);
        return runner.run(def);
    }
}
