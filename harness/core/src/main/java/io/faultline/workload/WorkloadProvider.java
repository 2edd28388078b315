package io.faultline.workload;

/** A workload, found through {@link java.util.ServiceLoader} (see {@link WorkloadRegistry}). */
public interface WorkloadProvider {
    /** "register", "set", ... as written in {@code --workload}. */
    String name();

    String description();

    Workload create(WorkloadOptions options);
}
