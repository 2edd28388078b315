package io.faultline.runner;

import io.faultline.check.CheckResult;
import io.faultline.check.Checks;
import io.faultline.check.ResultsJson;
import io.faultline.check.Verdict;
import io.faultline.client.Client;
import io.faultline.db.Db;
import io.faultline.db.DbCapability;
import io.faultline.db.LeaderAware;
import io.faultline.db.LogFiles;
import io.faultline.env.Capability;
import io.faultline.env.Environment;
import io.faultline.env.Node;
import io.faultline.fault.Nemesis;
import io.faultline.fault.NemesisContext;
import io.faultline.generator.GenOp;
import io.faultline.generator.Generator;
import io.faultline.generator.Generators;
import io.faultline.generator.Rng;
import io.faultline.history.FaultLog;
import io.faultline.history.History;
import io.faultline.history.JsonlReader;
import io.faultline.history.Recovery;
import io.faultline.preflight.Installer;
import io.faultline.preflight.Preflight;
import io.faultline.preflight.PreflightException;
import io.faultline.recorder.Recorder;
import io.faultline.results.HistoryStats;
import io.faultline.results.ResultsDir;
import io.faultline.results.RunStats;
import io.faultline.results.ResultsRecord;
import io.faultline.results.TestRecord;
import io.faultline.store.Store;
import io.faultline.store.StoreOptions;
import io.faultline.store.StoreProvider;
import io.faultline.store.StoreRegistry;
import io.faultline.test.TestDefinition;
import io.faultline.worker.ClientHandler;
import io.faultline.worker.ClientPauses;
import io.faultline.worker.Interpreter;
import io.faultline.worker.NemesisHandler;
import io.faultline.workload.Workload;
import io.faultline.workload.WorkloadOptions;
import io.faultline.workload.WorkloadRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs one test: environment, store, workload, nemesis schedule, workers, recorder and checkers.
 * Phases: main (workload and faults for the time limit), heal (every fault healed, cluster
 * recovered), final (the workload's final reads). The history is synced to disk at each phase end;
 * everything the run created is removed at the end, on error and on Ctrl-C (shutdown hook).
 */
public final class Runner {
    /** How long ops may still run after a phase's time is up before the phase is abandoned. */
    private static final Duration GRACE = Duration.ofSeconds(15);
    private static final Duration FINAL_LIMIT = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofSeconds(1);

    private final StoreRegistry stores;
    private final WorkloadRegistry workloads;
    private final NemesisRegistry nemeses;
    private final EnvironmentFactory environments;
    private final Path home;
    private final RunListener listener;
    private final Preflight preflight;

    public Runner(StoreRegistry stores, WorkloadRegistry workloads, NemesisRegistry nemeses,
                  EnvironmentFactory environments, Path home, RunListener listener) {
        this(stores, workloads, nemeses, environments, home, listener,
                new Preflight(Installer.standard(), listener::message));
    }

    /** @param preflight checks (and installs) what the run needs before any node starts */
    public Runner(StoreRegistry stores, WorkloadRegistry workloads, NemesisRegistry nemeses,
                  EnvironmentFactory environments, Path home, RunListener listener, Preflight preflight) {
        this.preflight = preflight;
        this.stores = stores;
        this.workloads = workloads;
        this.nemeses = nemeses;
        this.environments = environments;
        this.home = home;
        this.listener = listener;
    }

    public RunResult run(TestDefinition def) throws HarnessFailure, InterruptedException {
        Store store;
        Workload workload;
        List<Nemesis> faults = new ArrayList<>();
        NemesisRegistry.Selection selection;
        try {
            StoreProvider sp = stores.find(def.store());
            // Which stores honour libfaketime is known once the store is built, after preflight;
            // a package's clock faults are left out below for one that does not.
            selection = nemeses.select(def.nemesis().faults(), true);
            for (String f : selection.kinds()) faults.add(nemeses.find(f).create(def.optionsFor("nemesis")));
            preflight.ensure(environments.needs(def.environment(), def.store(), faults, sp.tools(def.optionsFor("store"))));
            store = sp.create(new StoreOptions(home, def.storeFaults(), def.optionsFor("store")));
            if (!store.honoursFaketime() && selection.optional().contains("clock")) {
                selection = nemeses.select(def.nemesis().faults(), false);
                faults.removeIf(n -> n.name().equals("clock"));
            }
            if (!store.workloads().contains(def.workload())) {
                throw new IllegalArgumentException("store " + def.store() + " has no client for workload '"
                        + def.workload() + "'; it supports: " + String.join(", ", store.workloads()));
            }
            workload = workloads.find(def.workload()).create(new WorkloadOptions(def.seed(), def.concurrency(),
                    def.nodes(), def.optionsFor("workload")));
        } catch (IllegalArgumentException e) {
            throw new HarnessFailure(e.getMessage(), e);
        } catch (PreflightException e) {
            throw new HarnessFailure(e.getMessage() + "\n(./faultline doctor checks everything; run as root on Debian and"
                    + " faultline installs missing packages itself)", e);
        }
        if (!selection.leftOut().isEmpty()) {
            listener.message("nemesis: leaving out " + String.join(", ", selection.leftOut()));
        }
        if (!store.honoursFaketime() && selection.kinds().contains("clock")) {
            throw new HarnessFailure("--nemesis clock: clock faults need a store whose runtime honours libfaketime; "
                    + def.store() + " does not");
        }

        ResultsDir results;
        try {
            results = ResultsDir.create(def.resultsRoot(), def.name(), LocalDateTime.now());
            TestRecord.of(def, selection.kinds(), store.db().version(), store.db().processSettings(),
                    java.time.OffsetDateTime.now().toString()).write(results.testJson());
        } catch (IOException e) {
            throw new HarnessFailure("cannot create the results folder under " + def.resultsRoot() + ": " + e.getMessage(), e);
        }
        listener.message("results: " + results.dir());

        Resources res = new Resources(def.leaveRunning());
        List<String> ranKinds = new ArrayList<>();
        CountDownLatch finished = new CountDownLatch(1);
        AtomicReference<Interpreter> running = new AtomicReference<>();
        Thread hook = new Thread(() -> {
            Interpreter i = running.get();
            if (i != null) i.requestStop();
            try {
                // Let the run heal and tear down in order; then make sure of it ourselves.
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            res.close(listener);
        }, "faultline-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        String envName;
        boolean stopped = false;
        HarnessCpu.Measured harnessCpu = null;
        try {
            String runId = Long.toString(Math.floorMod(System.currentTimeMillis() ^ def.seed(), 36L * 36 * 36 * 36 * 36), 36);
            boolean clock = selection.kinds().contains("clock");
            boolean proxy = selection.kinds().contains("packet");
            Environment env;
            try {
                env = environments.create(new EnvironmentRequest(def.environment(), runId, def.nodes(), results.dir(),
                        clock, proxy, def.store(), home, def.optionsFor("env")));
            } catch (Exception e) {
                throw new HarnessFailure("cannot create the " + def.environment() + " environment: " + e.getMessage(), e);
            }
            res.env = env;
            envName = env.name();
            listener.message("environment: " + env.description());
            Db db = store.db();
            for (java.util.Iterator<Nemesis> it = faults.iterator(); it.hasNext(); ) {
                Nemesis n = it.next();
                Optional<Unmet> unmet = unmet(n, env, db);
                if (unmet.isEmpty()) continue;
                if (!selection.optional().contains(n.name())) {
                    throw new HarnessFailure("--nemesis " + n.name() + " needs " + unmet.get().refusal());
                }
                // A package asked for it, not the user by name: leave it out and say so.
                listener.message("nemesis: leaving out " + n.name() + " (" + unmet.get().reason() + ")");
                it.remove();
            }
            if (faults.isEmpty() && !selection.kinds().isEmpty()) {
                throw new HarnessFailure("--nemesis " + String.join(",", def.nemesis().faults()) + ": the " + env.name()
                        + " environment with the " + db.name() + " store can do none of " + selection.kinds());
            }
            ranKinds.addAll(faults.stream().map(Nemesis::name).toList());
            res.db = db;
            startCluster(def, env, db);

            long start = System.nanoTime();
            Recorder recorder;
            try {
                recorder = Recorder.create(results.history(), start);
            } catch (IOException e) {
                throw new HarnessFailure("cannot create " + results.history() + ": " + e.getMessage(), e);
            }
            res.recorder = recorder;
            List<Node> nodes = env.nodes();
            List<ClientHandler> clients = new ArrayList<>();
            Supplier<Client> clientFactory = () -> workload.client(store.newClient(workload.name()));
            for (int t = 0; t < def.concurrency(); t++) {
                clients.add(new ClientHandler(t, def.concurrency(), nodes.get(t % nodes.size()), clientFactory, recorder));
            }
            NemesisContext nctx = new NemesisContext(env, db, new Random(def.seed() ^ 0x5eedL),
                    listener::message, new ClientPauses(clients));
            NemesisHandler nemesis = new NemesisHandler(faults, nctx, recorder);
            Interpreter interpreter = new Interpreter(clients, nemesis, recorder::now);
            running.set(interpreter);

            Rng rng = Rng.seeded(def.seed());
            Generator main = Generators.any(
                    Generators.clients(Generators.timeLimit(def.timeLimit(), Generators.rate(def.rate(), rng, workload.generator()))),
                    Generators.nemesis(Generators.timeLimit(def.timeLimit(),
                            FaultSchedule.of(faults, def.nemesis().interval(), def.timeLimit(), def.seed()))));
            HarnessCpu cpu = HarnessCpu.start(recorder);
            Interpreter.Outcome outcome = phase("main", interpreter, main, recorder, nemesis, def.timeLimit());
            harnessCpu = cpu.stop(recorder);
            listener.message(harnessCpu.describe());
            stopped = outcome == Interpreter.Outcome.STOPPED;
            if (stopped) {
                // Ctrl-C: stop requests are sticky, so heal on this thread (the nemesis worker is idle
                // now) and skip waiting for recovery and the final reads.
                listener.message("stopping: healing faults, then removing the cluster");
                nemesis.handle(GenOp.of(NemesisHandler.HEAL_ALL, null, null));
                recorder.sync();
            } else {
                Generator heal = Generators.nemesis(Generators.seq(
                        Generators.once(NemesisHandler.HEAL_ALL, null, null),
                        Generators.once(NemesisHandler.AWAIT_RECOVERY, null, null)));
                phase("heal", interpreter, heal, recorder, nemesis, Duration.ofSeconds(60));
                Generator fin = Generators.phases(Generators.sleep(SETTLE),
                        Generators.clients(Generators.timeLimit(FINAL_LIMIT, workload.finalGenerator())));
                phase("final", interpreter, fin, recorder, nemesis, FINAL_LIMIT.plus(SETTLE));
                stopped = interpreter.stopRequested();
            }
            recorder.close();
            res.recorder = null;
        } finally {
            res.close(listener, results);
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook is running
            }
        }
        if (stopped) {
            throw new HarnessFailure("interrupted; the history so far is in " + results.history());
        }
        return check(def, ranKinds, workload, results, envName, harnessCpu);
    }

    /** Why {@code n} cannot run here: the reason, and the rest of the refusal after "--nemesis N needs ". */
    private record Unmet(String reason, String refusal) {
    }

    /** The first thing {@code n} needs that the environment or the store cannot do, if any. */
    private static Optional<Unmet> unmet(Nemesis n, Environment env, Db db) {
        for (Capability c : n.requires()) {
            if (!env.capabilities().contains(c)) {
                return Optional.of(new Unmet(env.whyMissing(c),
                        c + ", which the " + env.name() + " environment cannot do: " + env.whyMissing(c)));
            }
        }
        for (DbCapability c : n.storeRequires()) {
            if (!c.isOfferedBy(db)) {
                return Optional.of(new Unmet(c.lackedBy(db), c + ": " + c.lackedBy(db)));
            }
        }
        return Optional.empty();
    }

    private void startCluster(TestDefinition def, Environment env, Db db) throws HarnessFailure, InterruptedException {
        listener.message("starting " + def.nodes() + " " + db.name() + " nodes"
                + (def.storeFaults().isEmpty() ? "" : " with store faults " + String.join(",", def.storeFaults())));
        try {
            db.setup(env);
            db.awaitReady();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new HarnessFailure("the " + db.name() + " cluster did not start: " + e.getMessage()
                    + " (node logs are under " + env.nodes().getFirst().dir().getParent() + ")", e);
        }
        listener.message(db.name() + " ready" + LeaderAware.of(db).map(n -> ", leader " + n.name()).orElse(""));
        String warm;
        try {
            warm = db.warmUp();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new HarnessFailure("the " + db.name() + " warm-up failed: " + e.getMessage(), e);
        }
        if (!warm.isEmpty()) listener.message(warm);
    }

    private Interpreter.Outcome phase(String name, Interpreter interpreter, Generator gen, Recorder recorder,
                                      NemesisHandler nemesis, Duration limit) throws InterruptedException {
        long t0 = recorder.now();
        long[] last = {t0, recorder.okCount() + recorder.failCount() + recorder.infoCount()};
        Thread ticker = Thread.ofPlatform().daemon().name("faultline-progress").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(1000);
                    long now = recorder.now();
                    long ops = recorder.okCount() + recorder.failCount() + recorder.infoCount();
                    double rate = (ops - last[1]) / ((now - last[0]) / 1e9);
                    last[0] = now;
                    last[1] = ops;
                    listener.progress(new Progress(name, (now - t0) / 1e9, limit.toMillis() / 1000.0,
                            recorder.okCount(), recorder.failCount(), recorder.infoCount(), rate, nemesis.activeFaults()));
                }
            } catch (InterruptedException e) {
                // phase over
            }
        });
        try {
            long deadline = recorder.now() + limit.toNanos() + GRACE.toNanos();
            return interpreter.run(gen, deadline, GRACE.toNanos());
        } finally {
            ticker.interrupt();
            ticker.join();
            listener.progressDone();
            recorder.sync();
        }
    }

    private RunResult check(TestDefinition def, List<String> kinds, Workload workload, ResultsDir results, String envName,
                            HarnessCpu.Measured harnessCpu) throws HarnessFailure {
        History history;
        try {
            history = JsonlReader.read(results.history());
        } catch (Exception e) {
            throw new HarnessFailure("cannot read back " + results.history() + ": " + e.getMessage(), e);
        }
        listener.message("checking " + history.size() + " events");
        List<CheckResult> checked = Checks.runAll(workload.checkers(), history);
        Verdict verdict = ResultsJson.combined(checked);
        RunStats stats = HistoryStats.of(history);
        String shortfall = FaultLog.of(history.events()).shortfall(kinds);
        if (!shortfall.isEmpty()) listener.message("FAULTS NOT VERIFIED: " + shortfall);
        Recovery recovery = Recovery.of(history.events());
        try {
            ResultsRecord.of(checked, stats, envName, kinds, shortfall, recovery,
                    harnessCpu == null ? null : harnessCpu.figures(), null).write(results.resultsJson());
            results.markLatest();
        } catch (IOException e) {
            throw new HarnessFailure("cannot write results in " + results.dir() + ": " + e.getMessage(), e);
        }
        return new RunResult(verdict, checked, stats, results.dir(), envName, shortfall, recovery);
    }

    /** What a run must release, once, whichever of the run and the shutdown hook gets there first. */
    private static final class Resources {
        final boolean leaveRunning;
        volatile Environment env;
        volatile Db db;
        volatile Recorder recorder;
        private boolean closed;

        Resources(boolean leaveRunning) {
            this.leaveRunning = leaveRunning;
        }

        void close(RunListener listener) {
            close(listener, null);
        }

        synchronized void close(RunListener listener, ResultsDir results) {
            if (closed) return;
            closed = true;
            Recorder r = recorder;
            if (r != null) {
                try {
                    r.close();
                } catch (RuntimeException e) {
                    listener.message("warning: " + e.getMessage());
                }
            }
            if (leaveRunning) {
                if (env != null) env.keepAfterExit();
                listener.message("leaving the cluster running (--leave-running); remove it with ./faultline cleanup");
                return;
            }
            Db d = db;
            Environment e = env;
            if (d != null) {
                try {
                    d.teardown();
                } catch (RuntimeException ex) {
                    listener.message("warning: store teardown: " + ex.getMessage());
                }
            }
            if (d != null && e != null && results != null) collectLogs(d, e, results, listener);
            if (e != null) {
                try {
                    e.close();
                } catch (RuntimeException ex) {
                    listener.message("warning: environment cleanup: " + ex.getMessage() + " (run ./faultline cleanup)");
                }
            }
        }

        private static void collectLogs(Db db, Environment env, ResultsDir results, RunListener listener) {
            if (!(db instanceof LogFiles logs)) return;
            for (Node n : env.nodes()) {
                Path target = results.nodeDir(n.name());
                for (Path log : logs.logFiles(n)) {
                    try {
                        if (!Files.exists(log) || log.toAbsolutePath().startsWith(target.toAbsolutePath())) continue;
                        Files.createDirectories(target);
                        Files.copy(log, target.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    } catch (IOException ex) {
                        listener.message("warning: cannot keep log " + log + ": " + ex.getMessage());
                    }
                }
            }
        }
    }
}
