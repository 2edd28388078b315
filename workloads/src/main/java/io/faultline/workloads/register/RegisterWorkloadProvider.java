package io.faultline.workloads.register;

import io.faultline.workload.Workload;
import io.faultline.workload.WorkloadOptions;
import io.faultline.workload.WorkloadProvider;

public final class RegisterWorkloadProvider implements WorkloadProvider {
    @Override
    public String name() {
        return "register";
    }

    @Override
    public String description() {
        return "independent cas registers (read/write/cas), linearizability per key";
    }

    @Override
    public Workload create(WorkloadOptions options) {
        return new RegisterWorkload(options);
    }
}
