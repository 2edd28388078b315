package io.faultline.workloads.lock;

import io.faultline.check.Checker;
import io.faultline.check.lock.LockChecker;
import io.faultline.check.lock.ResourceLinearizability;
import io.faultline.client.Client;
import io.faultline.generator.Generator;
import io.faultline.generator.Generators;
import io.faultline.linear.model.RegisterModel;
import io.faultline.workload.Workload;
import io.faultline.workload.WorkloadOptions;
import io.faultline.workloads.Linearizability;
import java.time.Duration;
import java.util.List;

/**
 * A lock as an application uses one: every client process acquires the store's lock, reads a
 * shared counter, holds for {@code hold-ms}, writes the value read plus one, and releases; then
 * rests {@code rest-ms}. The counter ({@link SharedCounter}) is kept by the harness and is not
 * protected by anything but the lock (a holder enters only while its lock client's own clock
 * vouches for the whole hold); with {@code fencing=true} it refuses writes whose token is
 * older than one it has seen. Checked: critical sections with acknowledged writes never overlap
 * ({@link LockChecker}), and the counter's history is linearizable.
 */
final class LockWorkload implements Workload {
    static final String LOCK = "lock";
    static final String RESOURCE = "resource";

    private final int holdMillis;
    private final int restMillis;
    private final int checkTimeout;
    private final SharedCounter counter;

    LockWorkload(WorkloadOptions options) {
        this.holdMillis = options.intSetting("hold-ms", 250);
        this.restMillis = options.intSetting("rest-ms", 50);
        this.checkTimeout = options.intSetting("check-timeout-s", 120);
        if (holdMillis < 0 || restMillis < 0 || checkTimeout < 1) {
            throw new IllegalArgumentException("--opt workload.hold-ms and rest-ms must be >= 0, check-timeout-s >= 1");
        }
        this.counter = new SharedCounter(fencing(options.settings().get("fencing")));
    }

    private static boolean fencing(String v) {
        if (v == null) return false;
        return switch (v.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--opt workload.fencing=" + v + ": expected true or false");
        };
    }

    @Override
    public String name() {
        return "lock";
    }

    @Override
    public Generator generator() {
        return Generators.eachThread(Generators.cycle(
                Generators.once("acquire", LOCK, null),
                Generators.once("read", RESOURCE, null),
                Generators.sleep(Duration.ofMillis(holdMillis)),
                Generators.once("write", RESOURCE, null),
                Generators.once("release", LOCK, null),
                Generators.sleep(Duration.ofMillis(restMillis))));
    }

    @Override
    public Generator finalGenerator() {
        return Generators.empty();
    }

    @Override
    public List<Checker> checkers() {
        return List.of(new LockChecker(LOCK, RESOURCE), new ResourceLinearizability(
                Linearizability.within(RegisterModel.register(), Duration.ofSeconds(checkTimeout)), RESOURCE));
    }

    @Override
    public Client client(Client storeClient) {
        return new LockClient(storeClient, counter, Duration.ofMillis(holdMillis));
    }
}
