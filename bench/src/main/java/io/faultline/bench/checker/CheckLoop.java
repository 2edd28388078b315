package io.faultline.bench.checker;

import io.faultline.history.History;
import io.faultline.history.HistoryReaders;
import io.faultline.linear.LinearizabilityChecker;
import io.faultline.linear.Model;
import io.faultline.linear.Models;
import io.faultline.linear.model.KvModel;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One file checked N times in a row, three rounds, mean milliseconds per check of each round:
 * for A/B runs of one file against another build (the last round is the warmed figure).
 *
 * <pre>java -cp ... io.faultline.bench.checker.CheckLoop FILE MODEL N [PARALLELISM]</pre>
 * MODEL is a model name, {@code kv} (by key) or {@code kv1} (one map).
 */
public final class CheckLoop {
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: CheckLoop FILE MODEL N [PARALLELISM]");
            System.exit(3);
        }
        History h = HistoryReaders.read(Path.of(args[0]), null);
        Model m = switch (args[1]) {
            case "kv" -> new KvModel(true);
            case "kv1" -> new KvModel(false);
            default -> Models.standard().byName(args[1]).orElseThrow(() -> new IllegalArgumentException(args[1]));
        };
        int n = Integer.parseInt(args[2]);
        int parallelism = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        for (int round = 1; round <= 3; round++) {
            long s = System.nanoTime();
            for (int i = 0; i < n; i++) {
                new LinearizabilityChecker(m, null, Duration.ofMinutes(1), parallelism).analyze(h);
            }
            System.out.printf("%s %s round %d: %.3f ms per check%n", args[0], args[1], round,
                    (System.nanoTime() - s) / 1e6 / n);
        }
    }
}
