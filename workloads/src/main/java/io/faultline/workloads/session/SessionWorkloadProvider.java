package io.faultline.workloads.session;

import io.faultline.workload.Workload;
import io.faultline.workload.WorkloadOptions;
import io.faultline.workload.WorkloadProvider;

public final class SessionWorkloadProvider implements WorkloadProvider {
    @Override
    public String name() {
        return "session";
    }

    @Override
    public String description() {
        return "clients pinned to one node each, unique writes and reads; linearizability and the four session guarantees";
    }

    @Override
    public Workload create(WorkloadOptions options) {
        return new SessionWorkload(options);
    }
}
