package io.faultline.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit 5 test class a running cluster of a store faultline can test. Before the first
 * test the cluster is started and awaited; test methods and lifecycle methods may declare
 * parameters of type {@link Cluster} (nodes, addresses, faultline's own clients),
 * {@link Faults} (the nemesis handle) and {@link HistoryRecorder} (one history per test, checked
 * in one call). After each test every fault is healed and stopped nodes are restarted; after the
 * last one the cluster and its environment are removed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(FaultlineExtension.class)
public @interface FaultlineCluster {
    /** "raftstore", "etcd" or "zookeeper". */
    String store() default "raftstore";

    int nodes() default 3;

    Env env() default Env.LOCAL;

    /** Fault modes switched on in the store itself (raftstore's --fault, e.g. "stale-reads"). */
    String[] storeFaults() default {};

    /**
     * Run node processes under libfaketime so {@link Faults} can skew clocks ("clock" nemesis).
     * Off by default: libfaketime makes every clock call of the JVM slower.
     */
    boolean clockFaults() default false;

    /** Where node folders, logs and histories go (relative to the working directory). */
    String results() default "target/faultline";

    /** Where nodes live. */
    enum Env {
        /** Network namespaces when root, else loopback processes (without partitions). */
        LOCAL,
        /** One container per node (faultline's offline images; see docker/build-offline.sh). */
        DOCKER
    }
}
