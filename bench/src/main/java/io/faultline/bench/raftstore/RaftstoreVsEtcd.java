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
 * ./mvnw -q -B -pl raftstore,bench -am package -DskipTests
 * java -cp bench/target/classes io.faultline.bench.raftstore.RaftstoreVsEtcd \
 *      --raftstore-classes raftstore/target/classes [--seconds 5] [--concurrency 1,8,32,64] \
 *      [--baseline-classes DIR]
 * </pre>
 *
 * All clusters run at once and the cells are interleaved (for each concurrency and operation,
 * every store in turn), so that load from other work on a shared machine hits all stores alike.
 * {@code --baseline-classes} adds a second raftstore built from other classes (e.g. the previous
 * commit) as "raftstore-baseline", for before/after numbers taken in the same run.
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
        List<String> stores = List.of("raftstore", "etcd");
        Path baseline = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--raftstore-classes" -> classes = Path.of(v);
                case "--etcd" -> etcd = Path.of(v);
                case "--seconds" -> seconds = Integer.parseInt(v);
                case "--concurrency" -> conc = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
                case "--stores" -> stores = List.of(v.split(","));
                case "--baseline-classes" -> baseline = Path.of(v);
                default -> {
                    System.err.println("unknown argument " + a + " (expected --raftstore-classes DIR, --etcd PATH, "
                            + "--seconds N, --concurrency a,b,c, --stores raftstore,etcd, --baseline-classes DIR)");
                    System.exit(3);
                }
            }
            i++;
        }
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
        try {
            var names = new ArrayList<>(stores);
            if (baseline != null) names.add(1, "raftstore-baseline");
            for (String name : names) {
                Path dir = Files.createTempDirectory("faultline-bench-" + name);
                Store s = switch (name) {
                    case "etcd" -> new Store.Etcd(dir, http, etcd);
                    case "raftstore-baseline" -> new Store.Raftstore(dir, http, baseline, name);
                    default -> new Store.Raftstore(dir, http, classes, name);
                };
                started.add(s);
                s.startAll();
                String leader = s.awaitLeader(30_000);
                if (leader == null) throw new IllegalStateException(name + ": no leader in 30 s; logs in " + dir);
                leaders.add(leader);
                System.err.println(name + ": leader " + leader + ", warming up");
                load(s, leader, "put", 8, 3, false);
            }
            for (int c : conc) {
                for (String op : List.of("put", "get")) {
                    for (int i = 0; i < started.size(); i++) {
                        Run r = load(started.get(i), leaders.get(i), op, c, seconds, true);
                        results.add(r);
                        System.err.println(r.row());
                    }
                }
            }
            for (int i = 0; i < started.size(); i++) {
                failovers.add(started.get(i).name() + ": " + failover(started.get(i), leaders.get(i)) + " ms");
            }
        } finally {
            for (Store s : started) s.close();
        }
        System.out.println("| store | op | concurrency | ops/s | p50 ms | p99 ms | errors |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Run r : results) System.out.println(r.row());
        System.out.println();
        System.out.println("Leader kill -9 to next acknowledged write: " + String.join(", ", failovers));
    }

    private static final String VALUE = "x".repeat(256);

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

    /** Kills the leader while one client writes to the survivors; returns ms to the first ack of a write sent after the kill. */
    private static long failover(Store s, String leader) throws InterruptedException {
        long killAt = System.nanoTime();
        s.kill9(leader);
        List<String> alive = new ArrayList<>(s.ids());
        alive.remove(leader);
        long deadline = killAt + 30_000_000_000L;
        int i = 0;
        while (System.nanoTime() < deadline) {
            String node = alive.get(i++ % alive.size());
            int status = s.send(s.put(node, "failover", VALUE));
            if (status == 200) return (System.nanoTime() - killAt) / 1_000_000;
            Thread.sleep(5);
        }
        return -1;
    }

}
