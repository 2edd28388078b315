package io.faultline.bench.harness;

import io.faultline.client.Client;
import io.faultline.env.Node;
import io.faultline.fault.NemesisContext;
import io.faultline.generator.GenOp;
import io.faultline.generator.Generator;
import io.faultline.generator.Generators;
import io.faultline.generator.Rng;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.recorder.Recorder;
import io.faultline.worker.ClientHandler;
import io.faultline.worker.Interpreter;
import io.faultline.worker.NemesisHandler;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Harness overhead: the real generator, interpreter, virtual-thread workers and recorder (one flush
 * per history line) against an in-process client that answers at once. Prints recorded ops/s and
 * heap. Usage: HarnessOverhead [concurrency=100] [seconds=10] [dir=temp].
 */
public final class HarnessOverhead {

    /** Answers every op ok at once: what is left is the harness's own cost. */
    private static final class NoopClient implements Client {
        @Override
        public void open(Node node) {
        }

        @Override
        public Op invoke(Op inv) {
            Object v = inv.f().equals("read") ? 1L : inv.value();
            return new Op(inv.index(), inv.time(), inv.process(), OpType.OK, inv.f(), inv.key(), v, null, null);
        }

        @Override
        public void close() {
        }
    }

    public static void main(String[] args) throws Exception {
        int concurrency = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("faultline-bench");
        Path file = dir.resolve("history.jsonl");

        long start = System.nanoTime();
        List<ClientHandler> handlers = new ArrayList<>();
        try (Recorder recorder = Recorder.create(file, start)) {
            for (int t = 0; t < concurrency; t++) handlers.add(new ClientHandler(t, concurrency, null, NoopClient::new, recorder));
            NemesisHandler nemesis = new NemesisHandler(List.of(), new NemesisContext(null, null, new Random(1), s -> { }), recorder);
            Interpreter interpreter = new Interpreter(handlers, nemesis, recorder::now);
            Generator ops = Generators.ops(Rng.seeded(1), r -> {
                int k = r.nextInt(4);
                String key = "r" + r.nextInt(50);
                return k < 2 ? GenOp.of("read", key, null) : k == 2 ? GenOp.of("write", key, (long) r.nextInt(5))
                        : GenOp.of("cas", key, List.of((long) r.nextInt(5), (long) r.nextInt(5)));
            });
            Generator gen = Generators.clients(Generators.timeLimit(Duration.ofSeconds(seconds), ops));
            long t0 = System.nanoTime();
            interpreter.run(gen, recorder.now() + Duration.ofSeconds(seconds + 30).toNanos(), Duration.ofSeconds(10).toNanos());
            double elapsed = (System.nanoTime() - t0) / 1e9;
            recorder.sync();
            long ops1 = recorder.okCount() + recorder.failCount() + recorder.infoCount();
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
            }
            System.gc();
            long used = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            System.out.printf(Locale.ROOT, "harness overhead: concurrency %d, %.1f s, %d ops recorded (%d history lines, %.1f MiB)%n",
                    concurrency, elapsed, ops1, recorder.size(), Files.size(file) / 1048576.0);
            System.out.printf(Locale.ROOT, "recorded ops/s: %.0f (goal >= 50000)%n", ops1 / elapsed);
            System.out.printf(Locale.ROOT, "heap: peak %.0f MiB (sum of pool peaks), %.0f MiB after GC, max %.0f MiB%n",
                    peak / 1048576.0, used / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
        } finally {
            Files.deleteIfExists(file);
            if (args.length <= 2) Files.deleteIfExists(dir);
        }
    }
}
