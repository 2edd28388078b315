package io.faultline.bench.anomaly;

import io.faultline.check.CheckResult;
import io.faultline.check.Checker;
import io.faultline.check.elle.IsolationSpec;
import io.faultline.check.elle.ListAppendChecker;
import io.faultline.check.session.ConsistentPrefixChecker;
import io.faultline.check.session.Guarantee;
import io.faultline.check.session.SessionChecker;
import io.faultline.history.History;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;

/**
 * The anomaly checkers on synthetic histories: list-append on 100,000 transactions (concurrency
 * 20, 1,000 keys, injected lost updates, aborted reads and duplicates), goal under 30 s and
 * 4 GiB; each session checker and consistent-prefix on a 1,000,000-op register history with
 * injected stale reads, goal under 10 s. Times are of the check only (history built first), wall
 * clock and the checking thread's CPU time (the checkers are single-threaded, so CPU time is the
 * fair number on a loaded machine); peak heap includes the history.
 *
 * <pre>
 * java -Xmx4g -cp bench/target/classes:$(cat bench/target/classpath.txt) io.faultline.bench.anomaly.AnomalyBench \
 *      [--txns N] [--ops N] [--concurrency N] [--keys N] [--consistency-models M[,M]] [--rounds N] [--list-append-only]
 * </pre>
 *
 * <p>{@code --consistency-models} is the list-append checker's (default strict-serializable, so
 * with process and real-time edges, as the CLI and the append workload run it); {@code --rounds}
 * checks the list-append history N times and prints each round and the medians.
 */
public final class AnomalyBench {
    public static void main(String[] args) {
        int txns = 100_000;
        int ops = 1_000_000;
        int concurrency = 20;
        int keys = 1_000;
        int rounds = 1;
        boolean listAppendOnly = false;
        IsolationSpec spec = IsolationSpec.STRICT_SERIALIZABLE;
        String usage = "usage: AnomalyBench [--txns N] [--ops N] [--concurrency N] [--keys N]"
                + " [--consistency-models M[,M]] [--rounds N] [--list-append-only]";
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--txns" -> txns = intValue(args, ++i, "--txns");
                    case "--ops" -> ops = intValue(args, ++i, "--ops");
                    case "--concurrency" -> concurrency = intValue(args, ++i, "--concurrency");
                    case "--keys" -> keys = intValue(args, ++i, "--keys");
                    case "--rounds" -> rounds = intValue(args, ++i, "--rounds");
                    case "--consistency-models" -> spec = IsolationSpec.parse(value(args, ++i, "--consistency-models"), null);
                    case "--list-append-only" -> listAppendOnly = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (rounds < 1) throw new IllegalArgumentException("--rounds: expected a number >= 1, got " + rounds);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + usage);
            System.exit(3);
        }
        History la = History.of(SyntheticHistories.listAppend(txns, concurrency, keys, 10_000, 1));
        double[] wall = new double[rounds];
        double[] cpu = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            double[] m = run(new ListAppendChecker(spec), la, txns + " txns");
            wall[r] = m[0];
            cpu[r] = m[1];
        }
        if (rounds > 1) {
            System.out.printf("list-append medians over %d rounds (%s): %.2f s wall, %.2f s cpu%n", rounds,
                    spec.describe(), median(wall), median(cpu));
        }
        if (listAppendOnly) return;
        la = null;
        System.gc();
        History reg = History.of(SyntheticHistories.register(ops, concurrency, keys, 100_000, 2));
        List<Checker> session = new ArrayList<>();
        for (Guarantee g : Guarantee.values()) session.add(new SessionChecker(g));
        session.add(new ConsistentPrefixChecker());
        for (Checker c : session) run(c, reg, ops + " ops");
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) throw new IllegalArgumentException(flag + ": expected a value");
        return args[i];
    }

    private static int intValue(String[] args, int i, String flag) {
        String v = value(args, i, flag);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": expected a whole number, got \"" + v + "\"");
        }
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Checks once and prints a line; returns {wall seconds, CPU seconds}. */
    private static double[] run(Checker c, History h, String what) {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        CheckResult r = c.check(h);
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
        }
        System.out.printf("%-20s %-14s %-8s %7.2f s wall %7.2f s cpu  peak heap %5.0f MiB  %s%n", c.name(), what,
                r.verdict().name().toLowerCase(), secs, cpu, peak / 1048576.0, r.details().getOrDefault("anomaly-counts",
                        r.details().getOrDefault("violation-count", "")));
        return new double[] {secs, cpu};
    }
}
