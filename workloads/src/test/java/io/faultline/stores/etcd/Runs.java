package io.faultline.stores.etcd;

import io.faultline.env.Environments;
import io.faultline.runner.NemesisRegistry;
import io.faultline.runner.Progress;
import io.faultline.runner.RunListener;
import io.faultline.runner.RunResult;
import io.faultline.runner.Runner;
import io.faultline.store.StoreRegistry;
import io.faultline.test.NemesisSchedule;
import io.faultline.test.TestDefinition;
import io.faultline.testing.Checkout;
import io.faultline.workload.WorkloadRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Real runs of real clusters for the end-to-end tests of every store (it lives beside etcd for
 * {@code needEtcd}, which asks etcd's package-private binary lookup): the environment this machine
 * allows, seeded runs through the real runner, retries over seeds for timing-dependent detections.
 */
public final class Runs {
    private Runs() {
    }

    /** The checkout ({@link Checkout#root}). */
    public static Path home() {
        return Checkout.root();
    }

    /** "local" (namespaces, partitions possible) when this machine can, else "loopback". */
    public static String environment() {
        String forced = System.getProperty("faultline.test.env");
        if (forced != null && !forced.isBlank()) return forced;
        return Environments.whyNoNamespaces().isEmpty() ? "local" : "loopback";
    }

    /** Partition needs namespaces; on loopback the schedule keeps only the faults loopback can do. */
    public static List<String> faults(String env, String... wanted) {
        for (String f : wanted) {
            boolean known = NemesisRegistry.load().all().stream().anyMatch(p -> p.name().equals(f));
            org.junit.jupiter.api.Assumptions.assumeTrue(known, "nemesis '" + f + "' is not on the class path");
        }
        return List.of(wanted).stream().filter(f -> env.equals("local") || !f.equals("partition")).toList();
    }

    public static final RunListener LOG = new RunListener() {
        @Override
        public void message(String line) {
            System.out.println("faultline: " + line);
        }

        @Override
        public void progress(Progress p) {
            if (Math.round(p.elapsedSeconds()) % 5 == 0) {
                System.out.println(p.phase() + " " + Math.round(p.elapsedSeconds()) + " s ok " + p.ok() + " fail " + p.fail()
                        + " info " + p.info() + " faults " + p.activeFaults());
            }
        }
    };

    /** The verdict of the checker called {@code name} in {@code r}. */
    public static io.faultline.check.Verdict verdict(RunResult r, String name) {
        return r.results().stream().filter(c -> c.checker().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " checker result in " + r.results()))
                .verdict();
    }

    /** One seeded run of a probabilistic detection test. */
    public interface Seeded<R> {
        R run(long seed) throws Exception;
    }

    /**
     * Runs seeds {@code first}, {@code first + 1}, ... up to {@code tries} of them, until {@code caught}
     * holds for a result, and returns that result, or the last one when none was caught (for the
     * caller's assertion to report). For faults whose detection depends on timing — a read landing in
     * a short stale window — where one seeded run on a busy machine can miss.
     */
    public static <R> R untilCaught(long first, int tries, Seeded<R> run, java.util.function.Predicate<R> caught)
            throws Exception {
        R r = null;
        for (long seed = first; seed < first + tries; seed++) {
            r = run.run(seed);
            if (caught.test(r)) return r;
            System.out.println("seed " + seed + ": not caught this time; trying the next seed");
        }
        return r;
    }

    /** The session checkers' names. */
    public static final List<String> SESSION_CHECKERS = List.of("monotonic-reads", "read-your-writes", "monotonic-writes",
            "writes-follow-reads");

    /**
     * Skips the calling test class where the etcd binary is missing, and fails it under CI=true (a
     * green run that skipped is a lie; bin/test installs etcd-server).
     */
    public static void needEtcd() {
        try {
            EtcdBinary.locate(null, System.getenv("PATH"));
        } catch (IllegalArgumentException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new AssertionError("CI=true, and " + e.getMessage());
            org.junit.jupiter.api.Assumptions.abort(e.getMessage());
        }
    }

    public static RunResult run(Path results, String store, String workload, List<String> faults, double interval,
                                int seconds, int concurrency, double rate, long seed, Map<String, String> options)
            throws Exception {
        return run(results, store, List.of(), workload, faults, interval, seconds, concurrency, rate, seed, options);
    }

    /** As above, with the store's own fault modes switched on ({@code --store-fault}). */
    public static RunResult run(Path results, String store, List<String> storeFaults, String workload, List<String> faults,
                                double interval, int seconds, int concurrency, double rate, long seed,
                                Map<String, String> options) throws Exception {
        String env = environment();
        Runner runner = new Runner(StoreRegistry.load(), WorkloadRegistry.load(), NemesisRegistry.load(),
                req -> Environments.create(req.spec()),
                home(), LOG);
        TestDefinition def = new TestDefinition(store + "-" + workload, env, store, 3, workload,
                new NemesisSchedule(faults, Duration.ofMillis((long) (interval * 1000))), Duration.ofSeconds(seconds),
                concurrency, rate, seed, storeFaults, options, results, false);
        return runner.run(def);
    }
}
