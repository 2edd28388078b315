package io.faultline.workloads.set;

import io.faultline.workload.Workload;
import io.faultline.workload.WorkloadOptions;
import io.faultline.workload.WorkloadProvider;

public final class SetWorkloadProvider implements WorkloadProvider {
    @Override
    public String name() {
        return "set";
    }

    @Override
    public String description() {
        return "unique adds to a set, final read after healing; lost, unexpected and duplicated elements";
    }

    @Override
    public Workload create(WorkloadOptions options) {
        return new SetWorkload(options);
    }
}
