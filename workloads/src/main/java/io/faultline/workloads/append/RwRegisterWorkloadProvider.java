package io.faultline.workloads.append;

import io.faultline.workload.Workload;
import io.faultline.workload.WorkloadOptions;
import io.faultline.workload.WorkloadProvider;

/**
 * Elle's rw-register: the append workload's transactions with writes instead of appends (each
 * value unique in the run), checked by the rw-register checker for the same cycles. Settings as
 * append's; {@code appends-per-key} bounds the writes per key.
 */
public final class RwRegisterWorkloadProvider implements WorkloadProvider {
    @Override
    public String name() {
        return "rw-register";
    }

    @Override
    public String description() {
        return "multi-key read/write register transactions with unique writes, checked Elle-style (rw-register)";
    }

    @Override
    public Workload create(WorkloadOptions options) {
        return new AppendWorkload(options, true);
    }
}
