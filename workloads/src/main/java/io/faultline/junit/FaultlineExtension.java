package io.faultline.junit;

import io.faultline.db.Killable;
import io.faultline.env.Environment;
import io.faultline.runner.EnvironmentRequest;
import io.faultline.runner.EnvironmentRegistry;
import io.faultline.env.Node;
import io.faultline.runner.NemesisRegistry;
import io.faultline.store.Store;
import io.faultline.store.StoreOptions;
import io.faultline.store.StoreRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Runs the cluster of a {@link FaultlineCluster} class; see there. */
public final class FaultlineExtension implements BeforeAllCallback, AfterAllCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(FaultlineExtension.class);

    /** What one test class's cluster consists of; kept in the class-level store. */
    private record Running(Cluster cluster, Store store, Environment env) {
    }

    /** One test's history and fault handle; kept in the method-level store. */
    private record PerTest(HistoryRecorder history, Faults faults) {
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Class<?> testClass = context.getRequiredTestClass();
        FaultlineCluster spec = testClass.getAnnotation(FaultlineCluster.class);
        if (spec == null) {
            throw new ExtensionConfigurationException(testClass.getName() + " uses FaultlineExtension without @FaultlineCluster");
        }
        if (spec.env() == FaultlineCluster.Env.DOCKER) {
            // A suite with Docker tests must still pass where no engine runs: skip with the reason.
            java.util.Optional<String> why;
            try {
                why = EnvironmentRegistry.load().whyUnavailable("docker", spec.store());
            } catch (RuntimeException e) {
                why = java.util.Optional.of(e.getMessage() + " (add the faultline-docker module to the test class path)");
            }
            if (why.isPresent() && "true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new ExtensionConfigurationException("CI=true, and " + testClass.getSimpleName()
                        + " needs the docker environment: " + why.get());
            }
            if (why.isPresent()) {
                System.out.println(testClass.getSimpleName() + " skipped: " + why.get());
                org.junit.jupiter.api.Assumptions.abort("docker environment unavailable: " + why.get());
            }
        }
        Path home = home();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"));
        Path dir = Path.of(spec.results()).toAbsolutePath().resolve(testClass.getSimpleName()).resolve(stamp);
        Files.createDirectories(dir);
        String runId = "ju" + Long.toString(ProcessHandle.current().pid(), 36) + Long.toString(System.nanoTime() % 46_656L, 36);
        Store store = StoreRegistry.load().find(spec.store())
                .create(new StoreOptions(home, List.of(spec.storeFaults()), Map.of()));
        String kind = switch (spec.env()) {
            case LOCAL -> "auto";
            case DOCKER -> "docker";
        };
        Environment env = EnvironmentRegistry.load().create(
                new EnvironmentRequest(kind, runId, spec.nodes(), dir, spec.clockFaults(), false, spec.store(), home));
        try {
            store.db().setup(env);
            store.db().awaitReady();
        } catch (Exception | Error e) {
            stop(store, env);
            throw e;
        }
        context.getStore(NS).put(Running.class, new Running(new Cluster(store, env, dir), store, env));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        PerTest t = context.getStore(NS).remove(PerTest.class, PerTest.class);
        Running r = running(context);
        if (t != null) {
            try {
                t.faults().healAll();
            } finally {
                t.history().close();
            }
        }
        // The next test starts from a whole cluster: restart what a fault left stopped.
        boolean restarted = false;
        if (r.store().db() instanceof Killable db) {
            for (Node n : r.env().nodes()) {
                if (!db.isRunning(n)) {
                    db.start(n);
                    restarted = true;
                }
            }
        }
        if (restarted) {
            r.store().db().awaitReady();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Running r = context.getStore(NS).remove(Running.class, Running.class);
        if (r != null) {
            stop(r.store(), r.env());
        }
    }

    private static void stop(Store store, Environment env) {
        try {
            store.db().teardown();
        } finally {
            env.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        Class<?> t = p.getParameter().getType();
        return t == Cluster.class || t == Faults.class || t == HistoryRecorder.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        Class<?> t = p.getParameter().getType();
        Running r = running(e);
        if (t == Cluster.class) {
            return r.cluster();
        }
        if (e.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException(t.getSimpleName() + " belongs to one test: declare it on a test method");
        }
        PerTest test = e.getStore(NS).getOrComputeIfAbsent(PerTest.class, k -> perTest(r, e), PerTest.class);
        return t == Faults.class ? test.faults() : test.history();
    }

    private static PerTest perTest(Running r, ExtensionContext e) {
        String name = e.getRequiredTestMethod().getName();
        Path file = r.cluster().dir().resolve("tests").resolve(name).resolve("history.jsonl");
        try {
            Files.createDirectories(file.getParent());
            HistoryRecorder h = new HistoryRecorder(file);
            return new PerTest(h, new Faults(r.env(), r.store().db(), h, NemesisRegistry.load(), name.hashCode()));
        } catch (java.io.IOException ex) {
            throw new ParameterResolutionException("cannot create " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static Running running(ExtensionContext e) {
        Running r = e.getStore(NS).get(Running.class, Running.class);
        if (r == null) {
            throw new ParameterResolutionException("no running cluster: the class needs @FaultlineCluster");
        }
        return r;
    }

    /**
     * The faultline checkout (for the bundled store's classes): the faultline.home property, else
     * the nearest folder upwards from the working directory that holds raftstore/target/classes.
     */
    static Path home() {
        String prop = System.getProperty("faultline.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("raftstore/target/classes"))) {
                return p;
            }
        }
        throw new ExtensionConfigurationException("cannot find the faultline checkout: set -Dfaultline.home=DIR "
                + "(the folder with raftstore/target/classes)");
    }
}
