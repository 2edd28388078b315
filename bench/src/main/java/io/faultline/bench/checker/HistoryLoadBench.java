package io.faultline.bench.checker;

import io.faultline.history.History;
import io.faultline.history.JsonlReader;
import io.faultline.history.JsonlWriter;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a large history.jsonl (default 1,000,000 operations = 2,000,000 lines) and reports the
 * load time, the heap the loaded history retains, and the peak heap during loading. Run it
 * with {@code -Xmx1g} to show the reader stays well under 1 GiB.
 *
 * <pre>java -Xmx1g -cp ... io.faultline.bench.checker.HistoryLoadBench [--ops N] [--file PATH]</pre>
 */
public final class HistoryLoadBench {
    public static void main(String[] args) throws Exception {
        int ops = 1_000_000;
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--ops" -> ops = Integer.parseInt(args[++i]);
                case "--file" -> file = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: HistoryLoadBench [--ops N] [--file PATH]");
                    System.exit(3);
                }
            }
        }
        boolean temp = file == null;
        if (temp) {
            file = Files.createTempFile("faultline-history", ".jsonl");
            // Written in slices so that generating does not itself need the whole history in memory.
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 JsonlWriter jw = new JsonlWriter(w)) {
                int slice = 50_000;
                long offset = 0;
                for (int done = 0; done < ops; done += slice) {
                    History h = SyntheticCasHistory.generate(Math.min(slice, ops - done), 10, 20, 42 + done);
                    for (var op : h.events()) {
                        jw.write(new io.faultline.history.Op(op.index() + offset, op.time() + offset * 1000,
                                op.process() + done / slice * 1000, op.type(), op.f(), op.key(), op.value(), op.node(),
                                op.error()));
                    }
                    offset += h.size();
                }
                jw.flush();
            }
        }
        System.out.printf("file %s: %.1f MiB%n", file, Files.size(file) / 1048576.0);
        System.gc();
        long before = used();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
        long s = System.nanoTime();
        History h = JsonlReader.read(file);
        int operations = h.operations().size();
        double secs = (System.nanoTime() - s) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
        }
        System.gc();
        long retained = used() - before;
        System.out.printf("loaded %d events, %d operations in %.2f s; retained heap %.0f MiB, peak heap %.0f MiB,"
                + " max heap %.0f MiB%n", h.size(), operations, secs, retained / 1048576.0, peak / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0);
        if (temp) Files.delete(file);
    }

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
