package io.faultline.bench.checker;

import io.faultline.history.History;
import io.faultline.linear.LinearizabilityChecker;
import io.faultline.linear.LinearizabilityResult;
import io.faultline.linear.Models;
import io.faultline.linear.PartitionReport;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;

/**
 * The checker on one synthetic cas-register shape (issue 19): prints the verdict, the check time
 * and the peak heap of the check (history included, since it stays live).
 *
 * <pre>
 * java -Xmx4g -cp ... io.faultline.bench.checker.SyntheticBench --ops 1000000 --keys 1 [--clients 20]
 *     [--crash-rate 0.005] [--revisions true|false] [--bad-read-at 0.5] [--bad-read-value 99] [--seed 42] [--timeout-s 60]
 *     [--max-memory-mib N] [--runs 1]
 * </pre>
 */
public final class SyntheticBench {
    public static void main(String[] args) {
        int ops = 100_000;
        int keys = 10;
        int clients = 20;
        double crash = 0.005;
        long seed = 42;
        long timeoutS = 60;
        long maxMemory = -1;
        int runs = 1;
        boolean revisions = false;
        double badReadAt = -1;
        long badValue = 99;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) usage("missing value for " + a);
            String v = args[++i];
            try {
                switch (a) {
                    case "--ops" -> ops = Integer.parseInt(v);
                    case "--keys" -> keys = Integer.parseInt(v);
                    case "--clients" -> clients = Integer.parseInt(v);
                    case "--crash-rate" -> crash = Double.parseDouble(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--timeout-s" -> timeoutS = Long.parseLong(v);
                    case "--max-memory-mib" -> maxMemory = Long.parseLong(v) << 20;
                    case "--runs" -> runs = Integer.parseInt(v);
                    case "--revisions" -> revisions = Boolean.parseBoolean(v);
                    case "--bad-read-at" -> badReadAt = Double.parseDouble(v);
                    case "--bad-read-value" -> badValue = Long.parseLong(v);
                    default -> usage("unknown option " + a);
                }
            } catch (NumberFormatException e) {
                usage(a + " needs a number, got " + v);
            }
        }
        History h = SyntheticCasHistory.generate(ops, keys, clients, crash, revisions, seed);
        if (badReadAt >= 0) h = withBadRead(h, badReadAt, badValue);
        System.out.printf("JDK %s, %d cores, max heap %d MiB; %d ops, %d keys, %d clients, crash rate %s, revisions %s, seed %d%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, ops, keys, clients, crash, revisions, seed);
        double[] times = new double[runs];
        long[] peaks = new long[runs];
        for (int r = 0; r < runs; r++) {
            System.gc();
            long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
            long s = System.nanoTime();
            LinearizabilityChecker c = new LinearizabilityChecker(Models.standard().byName("cas-register").orElseThrow(),
                    null, Duration.ofSeconds(timeoutS), Runtime.getRuntime().availableProcessors());
            if (maxMemory > 0) c = c.withMaxMemory(maxMemory);
            LinearizabilityResult res = c.analyze(h);
            double secs = (System.nanoTime() - s) / 1e9;
            long peak = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
            }
            String note = res.partitions().stream().map(PartitionReport::note).filter(n -> n != null).findFirst()
                    .orElse("");
            long byOrder = res.partitions().stream().filter(p -> p.method().equals("recorded order")).count();
            if (revisions) note += " (" + byOrder + " of " + res.partitions().size() + " partitions by recorded order)";
            times[r] = secs;
            peaks[r] = peak;
            long steps = res.partitions().stream().mapToLong(PartitionReport::steps).sum();
            System.out.printf("run %d: %s in %.2f s, peak heap %.0f MiB (%.0f MiB before the check: the history),"
                            + " %d search steps %s%n", r + 1, res.verdict().name().toLowerCase(), secs, peak / 1048576.0,
                    before / 1048576.0, steps, note);
        }
        printMedians(times, peaks);
    }

    // The first ok read after the given fraction of the history returns `value` (99: never written;
    // 0-4: a value written at times, which may or may not make the history non-linearizable).
    private static History withBadRead(History h, double at, long value) {
        java.util.List<io.faultline.history.Op> ev = new java.util.ArrayList<>(h.events());
        for (int i = (int) (at * ev.size()); i < ev.size(); i++) {
            io.faultline.history.Op e = ev.get(i);
            if (e.type() == io.faultline.history.OpType.OK && e.f().equals("read")) {
                System.out.printf("the read completing at index %d returned %s, now returns %d%n", e.index(), e.value(),
                        value);
                ev.set(i, e.withValue(value));
                return History.of(ev);
            }
        }
        throw new IllegalArgumentException("no ok read after " + at);
    }

    private static void printMedians(double[] times, long[] peaks) {
        java.util.Arrays.sort(times);
        java.util.Arrays.sort(peaks);
        System.out.printf("median of %d: %.2f s, peak heap %.0f MiB%n", times.length, times[times.length / 2],
                peaks[peaks.length / 2] / 1048576.0);
    }

    private static void usage(String why) {
        System.err.println(why + "\nusage: SyntheticBench [--ops N] [--keys N] [--clients N] [--crash-rate F]"
                + " [--revisions true|false] [--bad-read-at F] [--bad-read-value V] [--seed N] [--timeout-s N]"
                + " [--max-memory-mib N]"
                + " [--runs N]");
        System.exit(3);
    }
}
