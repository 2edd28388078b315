package io.faultline.bench.raftstore;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark (not a test): three raftstore processes and three etcd members on loopback, fsync on,
 * 256-byte values; puts and linearizable gets at each concurrency; then the time from killing
 * each leader to the next acknowledged write. Prints a markdown table for BENCHMARKS.md.
 *
 * <pre>
 * ./mvnw -q -B -pl raftstore,bench -am compile
 * java -cp bench/target/classes:raftstore/target/classes io.faultline.bench.raftstore.RaftstoreVsEtcd \
 *      --raftstore-classes raftstore/target/classes [--seconds 5] [--concurrency 1,8,32,64|none] \
 *      [--baseline-classes DIR] [--raftstore-jvm "OPTS"] [--baseline-jvm "OPTS"] [--failovers 3] \
 *      [--election-ms 1000] [--stores raftstore,etcd] [--rounds 1] [--keep-data]
 * </pre>
 *
 * All clusters run at once and the cells are interleaved (for each concurrency and operation,
 * every store in turn), so that load from other work on a shared machine hits all stores alike.
 * Every store is warmed up first with both operations at concurrency 1 and 16 (2 s each).
 * {@code --baseline-classes} adds a second raftstore built from other classes (e.g. the previous
 * commit) as "raftstore-baseline", for before/after numbers taken in the same run;
 * {@code --raftstore-jvm}/{@code --baseline-jvm} give the raftstore JVMs options (A/B of GC flags
 * with the same classes). {@code --election-ms} sets both stores' election timeout (heartbeat a
 * tenth of it; default etcd's 1000 ms). Failover is measured {@code --failovers} times per store,
 * restarting the killed member in between. {@code --rounds N} repeats all cells N times, one
 * round after the other (each round again every store in turn), and reports each cell's median
 * over the rounds, plus every round's p99 and in how many rounds each store's p99 was at or below
 * etcd's: on a machine whose neighbours come and go, one 5 s cell can swing 2x, and a verdict on
 * tails wants repeated, interleaved samples.
 */
public final class RaftstoreVsEtcd {
    private RaftstoreVsEtcd() { }

    record Run(String store, String op, int concurrency, long ops, double seconds, double p50, double p99, long errors) {
        String row() {
            return String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.2f | %.2f | %d |", store, op, concurrency,
                    ops / seconds, p50, p99, errors);
        }
    }

    public static void main(String[] args) throws Exception {
        Path classes = Path.of("raftstore/target/classes");
        Path etcd = Path.of("/usr/bin/etcd");
        int seconds = 5;
        int[] conc = {1, 8, 32, 64};
        // --concurrency none: only the failover rounds
        List<String> stores = List.of("raftstore", "etcd");
        Path baseline = null;
        List<String> jvm = List.of();
        List<String> baselineJvm = null;
        int failoverRounds = 3;
        int rounds = 1;
        int electionMs = 1000;
        boolean keepData = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            if (v == null && !a.equals("--keep-data")) {
                System.err.println(a + ": expected a value after it");
                System.exit(3);
            }
            switch (a) {
                case "--raftstore-classes" -> classes = Path.of(v);
                case "--etcd" -> etcd = Path.of(v);
                case "--seconds" -> seconds = number(a, v);
                case "--concurrency" -> conc = v.equals("none") ? new int[0]
                        : Arrays.stream(v.split(",")).mapToInt(x -> number(a, x)).toArray();
                case "--stores" -> stores = List.of(v.split(","));
                case "--baseline-classes" -> baseline = Path.of(v);
                case "--raftstore-jvm" -> jvm = words(v);
                case "--baseline-jvm" -> baselineJvm = words(v);
                case "--failovers" -> failoverRounds = number(a, v);
                case "--rounds" -> rounds = number(a, v);
                case "--election-ms" -> electionMs = number(a, v);
                case "--keep-data" -> {
                    keepData = true;
                    i--; // a flag without a value
                }
                default -> {
                    System.err.println("unknown argument " + a + " (expected --raftstore-classes DIR, --etcd PATH, "
                            + "--seconds N, --concurrency a,b,c, --stores raftstore,etcd, --baseline-classes DIR, "
                            + "--raftstore-jvm \"OPTS\", --baseline-jvm \"OPTS\", --failovers N, --election-ms N, --rounds N, "
                            + "--keep-data)");
                    System.exit(3);
                }
            }
            i++;
        }
        if (rounds < 1) {
            System.err.println("--rounds " + rounds + ": expected 1 or more");
            System.exit(3);
        }
        if (baselineJvm == null) baselineJvm = jvm;
        if (stores.contains("raftstore") && !Files.exists(classes.resolve("io/faultline/raftstore/Main.class"))) {
            System.err.println("no raftstore classes in " + classes + ": build with ./mvnw -q -B -pl raftstore -am compile");
            System.exit(3);
        }
        if (stores.contains("etcd") && !Files.isExecutable(etcd)) {
            System.err.println(etcd + " not found: apt-get install etcd-server");
            System.exit(3);
        }
        var results = new ArrayList<Run>();
        var failovers = new ArrayList<String>();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        if (baseline != null && !Files.exists(baseline.resolve("io/faultline/raftstore/Main.class"))) {
            System.err.println("no raftstore classes in " + baseline + " (--baseline-classes)");
            System.exit(3);
        }
        var started = new ArrayList<Store>();
        var leaders = new ArrayList<String>();
        boolean finished = false;
        try {
            var names = new ArrayList<>(stores);
            if (baseline != null) names.add(1, "raftstore-baseline");
            for (String name : names) {
                Path dir = Files.createTempDirectory("faultline-bench-" + name);
                Store s = switch (name) {
                    case "etcd" -> new Store.Etcd(dir, http, electionMs, etcd);
                    case "raftstore-baseline" -> new Store.Raftstore(dir, http, electionMs, baseline, name, baselineJvm);
                    default -> new Store.Raftstore(dir, http, electionMs, classes, name, jvm);
                };
                started.add(s);
                s.startAll();
                String leader = s.awaitLeader(30_000);
                if (leader == null) throw new IllegalStateException(name + ": no leader in 30 s; logs in " + dir);
                leaders.add(leader);
                System.err.println(name + ": leader " + leader + ", warming up");
                // Both operations at low and high concurrency, so that a JIT-compiled store is measured
                // compiled, as it runs after its first seconds; the Go store is unaffected by this.
                for (int c : new int[] {1, 16}) {
                    load(s, leader, "put", c, 2, false);
                    load(s, leader, "get", c, 2, false);
                }
            }
            for (int round = 1; round <= rounds; round++) {
                if (rounds > 1) System.err.println("round " + round + " of " + rounds);
                for (int c : conc) {
                    for (String op : List.of("put", "get")) {
                        for (int i = 0; i < started.size(); i++) {
                            Run r = load(started.get(i), leaders.get(i), op, c, seconds, true);
                            results.add(r);
                            System.err.println(r.row());
                        }
                    }
                }
            }
            for (int i = 0; i < started.size(); i++) {
                Store s = started.get(i);
                var times = new ArrayList<String>();
                String leader = leaders.get(i);
                for (int round = 0; round < failoverRounds && leader != null; round++) {
                    times.add(Long.toString(failover(s, leader)));
                    s.start(leader); // back to three members for the next round
                    leader = s.awaitLeader(30_000);
                    Thread.sleep(3_000); // the restarted member catches up and the links settle
                }
                failovers.add(s.name() + ": " + String.join(", ", times) + " ms");
            }
            finished = true;
        } finally {
            for (Store s : started) s.close();
            // Each run leaves a few hundred MB (etcd preallocates 64 MB WAL files): removed unless
            // asked to keep them or the run failed, when the logs are what one wants to read.
            for (Store s : started) {
                if (finished && !keepData) s.deleteData();
                else System.err.println(s.name() + ": data and logs kept in " + s.dir);
            }
        }
        if (rounds == 1) {
            System.out.println("| store | op | concurrency | ops/s | p50 ms | p99 ms | errors |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (Run r : results) System.out.println(r.row());
        } else {
            printRounds(results);
        }
        if (failoverRounds > 0) {
            System.out.println();
            System.out.println("Leader kill -9 to next acknowledged write: " + String.join(", ", failovers));
        }
    }

    private static final String VALUE = "x".repeat(256);

    /**
     * One row per store, operation and concurrency: the medians over the rounds of ops/s, p50 and
     * p99, every round's p99 in order, and the rounds in which this store's p99 was at or below
     * etcd's in the same round (etcd's own row leaves it empty).
     */
    static void printRounds(List<Run> results) {
        System.out.println("| store | op | concurrency | ops/s (median) | p50 ms (median) | p99 ms (median) "
                + "| p99 ms of each round | p99 at or below etcd's | errors |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        var cells = new java.util.LinkedHashMap<String, List<Run>>();
        for (Run r : results) cells.computeIfAbsent(r.store() + "|" + r.op() + "|" + r.concurrency(), k -> new ArrayList<>()).add(r);
        for (List<Run> runs : cells.values()) {
            Run first = runs.get(0);
            List<Run> etcd = cells.get("etcd|" + first.op() + "|" + first.concurrency());
            String wins = "";
            if (etcd != null && etcd != runs) {
                int n = Math.min(runs.size(), etcd.size());
                int w = 0;
                for (int i = 0; i < n; i++) if (runs.get(i).p99() <= etcd.get(i).p99()) w++;
                wins = w + " of " + n;
            }
            var each = new ArrayList<String>();
            long errors = 0;
            for (Run r : runs) {
                each.add(String.format(Locale.ROOT, "%.2f", r.p99()));
                errors += r.errors();
            }
            System.out.println(String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.2f | %.2f | %s | %s | %d |",
                    first.store(), first.op(), first.concurrency(),
                    median(runs.stream().mapToDouble(r -> r.ops() / r.seconds()).toArray()),
                    median(runs.stream().mapToDouble(Run::p50).toArray()),
                    median(runs.stream().mapToDouble(Run::p99).toArray()),
                    String.join(" ", each), wins, errors));
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static Run load(Store s, String leader, String op, int c, int seconds, boolean record) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long[][] lat = new long[c][];
        int[] counts = new int[c];
        AtomicLong errors = new AtomicLong();
        var threads = new ArrayList<Thread>();
        for (int w = 0; w < c; w++) {
            int wid = w;
            lat[w] = new long[200_000];
            threads.add(Thread.ofVirtual().start(() -> {
                var rnd = ThreadLocalRandom.current();
                for (int i = 0; i < lat[wid].length && System.nanoTime() < deadline; i++) {
                    String key = "key" + rnd.nextInt(1000);
                    HttpRequest req = op.equals("put") ? s.put(leader, key, VALUE) : s.get(leader, key);
                    long t0 = System.nanoTime();
                    int status = s.send(req);
                    long t1 = System.nanoTime();
                    if (status != 200) {
                        errors.incrementAndGet();
                        continue;
                    }
                    lat[wid][counts[wid]++] = t1 - t0;
                }
            }));
        }
        long start = System.nanoTime();
        for (Thread t : threads) t.join();
        double secs = (System.nanoTime() - start) / 1e9;
        int total = 0;
        for (int n : counts) total += n;
        long[] all = new long[total];
        int k = 0;
        for (int w = 0; w < c; w++) {
            System.arraycopy(lat[w], 0, all, k, counts[w]);
            k += counts[w];
        }
        Arrays.sort(all);
        double p50 = total == 0 ? 0 : all[(int) (total * 0.50)] / 1e6;
        double p99 = total == 0 ? 0 : all[Math.min(total - 1, (int) (total * 0.99))] / 1e6;
        return new Run(s.name(), op, c, total, secs, p50, p99, errors.get());
    }

    /** A whole-number option value, or exit 3 naming the flag. */
    private static int number(String flag, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            System.err.println(flag + " " + v + ": expected a whole number");
            System.exit(3);
            return 0; // not reached
        }
    }

    private static List<String> words(String v) {
        return v.isBlank() ? List.of() : List.of(v.trim().split("\\s+"));
    }

    /**
     * Kills the leader while one client writes to the survivors; returns ms to the first ack of a
     * write sent after the kill. Each attempt gives up after 500 ms and tries the other survivor,
     * so the number is the store's, not a client timeout's (etcd holds a proposal made without a
     * leader for its whole 7 s request timeout).
     */
    private static long failover(Store s, String leader) throws InterruptedException {
        long killAt = System.nanoTime();
        s.kill9(leader);
        List<String> alive = new ArrayList<>(s.ids());
        alive.remove(leader);
        long deadline = killAt + 30_000_000_000L;
        int i = 0;
        while (System.nanoTime() < deadline) {
            String node = alive.get(i++ % alive.size());
            HttpRequest put = HttpRequest.newBuilder(s.put(node, "failover", VALUE), (k, v) -> true)
                    .timeout(Duration.ofMillis(500)).build();
            int status = s.send(put);
            if (status == 200) return (System.nanoTime() - killAt) / 1_000_000;
            Thread.sleep(5);
        }
        return -1;
    }

}
