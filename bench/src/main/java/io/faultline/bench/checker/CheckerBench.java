package io.faultline.bench.checker;

import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.history.HistoryReaders;
import io.faultline.linear.LinearizabilityChecker;
import io.faultline.linear.LinearizabilityResult;
import io.faultline.linear.Model;
import io.faultline.linear.Models;
import io.faultline.linear.model.KvModel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Linearizability checker speed on Porcupine's test data and on a synthetic history, after JIT
 * warm-up, in the manner of Porcupine's Go benchmarks (check time only, history already parsed).
 *
 * <pre>
 * java -cp ... io.faultline.bench.checker.CheckerBench [--data DIR] [--warmup N] [--runs N] [--synthetic-ops N]
 * </pre>
 */
public final class CheckerBench {

    private record Case(String file, Model model, History history, Verdict expected) {
    }

    public static void main(String[] args) throws Exception {
        Path data = null;
        int warmup = 20;
        int runs = 15;
        int syntheticOps = 100_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--synthetic-ops" -> syntheticOps = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: CheckerBench [--data DIR] [--warmup N] [--runs N] [--synthetic-ops N]");
                    System.exit(3);
                }
            }
        }
        if (data == null) data = findData();
        Models models = Models.standard();
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(data.resolve("expected.tsv"))) {
            String[] c = line.split("\t");
            if (c[0].equals("file") || c.length < 3) continue;
            History h = HistoryReaders.read(data.resolve(c[0]), null);
            Verdict want = c[2].equals("linearizable") ? Verdict.VALID : Verdict.INVALID;
            cases.add(new Case(c[0], models.byName(c[1]).orElseThrow(), h, want));
            if (c[1].equals("kv")) {
                cases.add(new Case(c[0] + " (unpartitioned)", new KvModel(false), h, want));
            }
        }
        System.out.printf("JDK %s, %d cores, warm-up %d, median of %d runs%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), warmup, runs);
        for (int i = 0; i < warmup; i++) {
            for (Case c : cases) check(c);
        }
        System.out.printf("%-34s %-13s %-16s %10s%n", "file", "model", "verdict", "ms");
        double etcdTotal = 0;
        for (Case c : cases) {
            double[] t = new double[runs];
            Verdict v = null;
            for (int r = 0; r < runs; r++) {
                long s = System.nanoTime();
                v = check(c).verdict();
                t[r] = (System.nanoTime() - s) / 1e6;
            }
            Arrays.sort(t);
            double median = t[runs / 2];
            if (c.file.startsWith("jepsen/")) etcdTotal += median;
            System.out.printf("%-34s %-13s %-16s %10.3f%s%n", c.file, c.model.name()
                    + (c.file.endsWith("(unpartitioned)") ? "" : ""), v.name().toLowerCase(), median,
                    v == c.expected ? "" : "   WRONG, expected " + c.expected);
        }
        System.out.printf("%-34s %-13s %-16s %10.3f%n", "TOTAL jepsen/etcd_*.log", "cas-register", "", etcdTotal);
        synthetic(syntheticOps);
    }

    private static LinearizabilityResult check(Case c) {
        return new LinearizabilityChecker(c.model, null, Duration.ofMinutes(5),
                Runtime.getRuntime().availableProcessors()).analyze(c.history);
    }

    private static void synthetic(int ops) {
        History h = SyntheticCasHistory.generate(ops, 10, 20, 42);
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
        long s = System.nanoTime();
        LinearizabilityResult r = new LinearizabilityChecker(Models.standard().byName("cas-register").orElseThrow(),
                null, Duration.ofMinutes(5), Runtime.getRuntime().availableProcessors()).analyze(h);
        double secs = (System.nanoTime() - s) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
        }
        System.out.printf("synthetic cas-register: %d ops (%d events), 10 keys, concurrency 20: %s in %.3f s,"
                        + " peak heap %.0f MiB (history included)%n", ops, h.size(),
                r.verdict().name().toLowerCase(), secs, peak / 1048576.0);
    }

    private static Path findData() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("run from inside the repository or pass --data DIR");
        return dir.resolve("../shared/data/porcupine").normalize();
    }
}
