package io.faultline.workloads.lock;

import io.faultline.workload.Workload;
import io.faultline.workload.WorkloadOptions;
import io.faultline.workload.WorkloadProvider;

public final class LockWorkloadProvider implements WorkloadProvider {
    @Override
    public String name() {
        return "lock";
    }

    @Override
    public String description() {
        return "acquire the store's lock, read-hold-write+1 a shared counter, release; critical sections must not"
                + " overlap (options hold-ms, rest-ms, fencing=true)";
    }

    @Override
    public Workload create(WorkloadOptions options) {
        return new LockWorkload(options);
    }
}
