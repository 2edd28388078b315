package io.faultline.workloads.append;

import io.faultline.workload.Workload;
import io.faultline.workload.WorkloadOptions;
import io.faultline.workload.WorkloadProvider;

public final class AppendWorkloadProvider implements WorkloadProvider {
    @Override
    public String name() {
        return "append";
    }

    @Override
    public String description() {
        return "multi-key list-append transactions, checked Elle-style for G0..G2, lost updates and more";
    }

    @Override
    public Workload create(WorkloadOptions options) {
        return new AppendWorkload(options, false);
    }
}
