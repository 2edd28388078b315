package io.faultline.workloads.election;

import io.faultline.workload.Workload;
import io.faultline.workload.WorkloadOptions;
import io.faultline.workload.WorkloadProvider;

public final class ElectionWorkloadProvider implements WorkloadProvider {
    @Override
    public String name() {
        return "election";
    }

    @Override
    public String description() {
        return "campaign, hold and resign leadership; at most one leader at a time, increasing fencing tokens";
    }

    @Override
    public Workload create(WorkloadOptions options) {
        return new ElectionWorkload(options);
    }
}
