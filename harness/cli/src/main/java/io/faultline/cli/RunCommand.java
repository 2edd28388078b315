package io.faultline.cli;

import io.faultline.env.EnvironmentSpec;
import io.faultline.runner.HarnessFailure;
import io.faultline.runner.NemesisRegistry;
import io.faultline.runner.RunResult;
import io.faultline.runner.Runner;
import io.faultline.report.Reports;
import io.faultline.runner.EnvironmentRegistry;
import io.faultline.store.StoreRegistry;
import io.faultline.test.NemesisSchedule;
import io.faultline.test.TestDefinition;
import io.faultline.workload.WorkloadRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import io.faultline.runner.NemesisPackage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a test: start a cluster, drive a workload under faults, record the history, check it.",
        footer = {"", "Exit codes: 0 valid, 1 anomaly found, 2 unknown, 3 harness failure.",
                "Example: ./faultline run --nemesis partition,kill --time-limit 30"})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--store", defaultValue = "raftstore", description = "Store under test (default: ${DEFAULT-VALUE}).")
    String store;

    @Option(names = "--nodes", defaultValue = "3", description = "Cluster size (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--workload", defaultValue = "register", description = "Workload: register, set (default: ${DEFAULT-VALUE}).")
    String workload;

    @Option(names = "--nemesis", defaultValue = NemesisPackage.DEFAULT, split = ",",
            description = "Faults, a comma list of partition, kill, pause, clock, packet, stale-election, client-pause, "
                    + "or a package (run --list); or none (default: ${DEFAULT-VALUE}).")
    List<String> nemesis;

    @Option(names = "--nemesis-interval", defaultValue = NemesisPackage.DEFAULT_INTERVAL_S, paramLabel = "SECONDS",
            description = "Mean seconds between faults and mean time each is held (default: ${DEFAULT-VALUE}).")
    double nemesisInterval;

    @Option(names = "--time-limit", defaultValue = "60", paramLabel = "SECONDS",
            description = "Length of the main phase (default: ${DEFAULT-VALUE}).")
    double timeLimit;

    @Option(names = "--concurrency", defaultValue = "10", description = "Client threads (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--rate", defaultValue = "100", paramLabel = "OPS",
            description = "Target client ops per second in total (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seed", description = "Seed of every random choice (default: chosen from the clock and printed).")
    Long seed;

    @Mixin
    ResultsRoot results = new ResultsRoot();

    @Option(names = "--store-fault", split = ",", paramLabel = "MODE",
            description = "Fault mode switched on in the store itself, e.g. stale-reads (raftstore's --fault).")
    List<String> storeFaults = new ArrayList<>();

    @Option(names = "--leave-running", description = "Keep the cluster and environment after the run.")
    boolean leaveRunning;

    @Option(names = "--env", defaultValue = "auto",
            description = "Environment: local (network namespaces, needs root), loopback, docker (containers through"
                    + " Testcontainers; images from docker/build-offline.sh), ssh (remote hosts: --hosts), auto (default: ${DEFAULT-VALUE}).")
    String env;

    @Mixin
    SshOptions ssh = new SshOptions();

    @Option(names = "--name", description = "Test name, the folder under the results root (default: store-workload-nemesis).")
    String name;

    @Option(names = "--opt", paramLabel = "KEY=VALUE",
            description = "Extra setting: store.X, workload.X (e.g. workload.ops-per-key=200), nemesis.X.")
    List<String> opts = new ArrayList<>();

    @Option(names = "--read-mode", paramLabel = "MODE",
            description = "linearizable (default) or serializable reads: etcd's serializable option, ZooKeeper without"
                    + " sync, raftstore consistency=serializable. Same as --opt store.read-mode=MODE.")
    String readMode;

    @Option(names = "--etcd-bin", paramLabel = "PATH",
            description = "The etcd binary (default: etcd on PATH). Same as --opt store.etcd-bin=PATH.")
    String etcdBin;

    @Option(names = "--list", description = "List the stores, workloads and nemeses on the class path, then exit.")
    boolean list;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        StoreRegistry stores = StoreRegistry.load();
        WorkloadRegistry workloads = WorkloadRegistry.load();
        NemesisRegistry nemeses = NemesisRegistry.load();
        if (list) {
            out.println("stores:");
            stores.all().forEach(p -> out.println("  " + p.name() + " - " + p.description()));
            out.println("workloads:");
            workloads.all().forEach(p -> out.println("  " + p.name() + " - " + p.description()));
            out.println("nemeses:");
            nemeses.all().forEach(p -> out.println("  " + p.name() + " - " + p.description()));
            out.println("nemesis packages (--nemesis NAME; kinds the store or environment cannot do are left out, said at the start):");
            nemeses.packages().forEach(p -> out.println("  " + p.name() + " = " + String.join(",", p.kinds()) + " - " + p.description()));
            return ExitCode.VALID;
        }
        TestDefinition def;
        try {
            def = definition();
        } catch (IllegalArgumentException e) {
            System.err.println("faultline run: " + e.getMessage());
            return ExitCode.HARNESS_FAILURE;
        }
        Path home = Path.of(System.getProperty("faultline.home", ".")).toAbsolutePath().normalize();
        RunOutput output = new RunOutput(out, RunOutput.stdoutIsTerminal());
        output.message("seed " + def.seed() + " (repeat with --seed " + def.seed() + ")");
        Runner runner = new Runner(stores, workloads, nemeses, EnvironmentRegistry.load(), home, output);
        try {
            RunResult r = runner.run(def);
            try {
                String problem = Reports.render(def, r);
                if (!problem.isEmpty()) output.message(problem);
            } catch (java.io.IOException e) {
                output.message("cannot write report.html in " + r.dir() + ": " + e.getMessage());
            }
            output.summary(r);
            return r.exitCode();
        } catch (HarnessFailure e) {
            output.progressDone();
            System.err.println("faultline run: " + e.getMessage());
            return ExitCode.HARNESS_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("faultline run: interrupted");
            return ExitCode.HARNESS_FAILURE;
        }
    }

    TestDefinition definition() {
        List<String> faults = new ArrayList<>();
        for (String f : nemesis) {
            String t = f.trim();
            if (t.isEmpty() || t.equals("none")) continue;
            if (!faults.contains(t)) faults.add(t);
        }
        if (nemesis.stream().map(String::trim).anyMatch("none"::equals) && !faults.isEmpty()) {
            throw new IllegalArgumentException("--nemesis: 'none' cannot be combined with other faults");
        }
        if (!(nemesisInterval > 0)) throw new IllegalArgumentException("--nemesis-interval must be > 0 seconds, got " + nemesisInterval);
        if (!(timeLimit > 0)) throw new IllegalArgumentException("--time-limit must be > 0 seconds, got " + timeLimit);
        if (nodes < 1 || nodes > EnvironmentSpec.MAX_NODES) {
            throw new IllegalArgumentException("--nodes must be 1 to " + EnvironmentSpec.MAX_NODES + ", got " + nodes);
        }
        if (concurrency < 1 || concurrency > 10_000) throw new IllegalArgumentException("--concurrency must be 1 to 10000, got " + concurrency);
        if (!(rate > 0)) throw new IllegalArgumentException("--rate must be > 0 ops/s, got " + rate);
        EnvironmentRegistry.load().requireKnown(env, "--env");
        Map<String, String> options = new LinkedHashMap<>();
        for (String o : opts) {
            int eq = o.indexOf('=');
            if (eq <= 0 || !(o.startsWith("store.") || o.startsWith("workload.") || o.startsWith("nemesis."))) {
                throw new IllegalArgumentException("--opt " + o + ": expected store.KEY=VALUE, workload.KEY=VALUE or nemesis.KEY=VALUE");
            }
            options.put(o.substring(0, eq), o.substring(eq + 1));
        }
        if (readMode != null) {
            if (!List.of("linearizable", "serializable").contains(readMode)) {
                throw new IllegalArgumentException("--read-mode must be linearizable or serializable, got '" + readMode + "'");
            }
            options.put("store.read-mode", readMode);
        }
        if (etcdBin != null) options.put("store.etcd-bin", etcdBin);
        options.putAll(ssh.options(env, java.util.Optional.ofNullable(etcdBin)));
        List<String> sf = storeFaults.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        String testName = name != null ? name
                : store + "-" + workload + "-" + (faults.isEmpty() ? "none" : String.join("+", faults))
                + (sf.isEmpty() ? "" : "-" + String.join("+", sf));
        long s = seed != null ? seed : System.currentTimeMillis();
        return new TestDefinition(testName, env, store, nodes, workload,
                new NemesisSchedule(faults, Duration.ofMillis((long) (nemesisInterval * 1000))),
                Duration.ofMillis((long) (timeLimit * 1000)), concurrency, rate, s, sf, options, results.dir, leaveRunning);
    }

}
