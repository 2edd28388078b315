package io.faultline.runner;

import io.faultline.recorder.Recorder;
import io.faultline.results.ResultsRecord;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * CPU the harness's own JVM spent during the main phase, per completed op: the clients' network
 * stacks, the workers, generator and recorder. Store nodes run as processes of their own and are
 * not counted, so two stores' figures compare what their clients cost the harness (issue 17: the
 * JDK HttpClient of raftstore against jetcd's gRPC). Read from the JVM's process CPU time, which
 * also counts JIT and GC threads of the harness. A value is the start of the main phase: process CPU
 * nanoseconds (-1 where unknown), {@link System#nanoTime()} and ops completed.
 */
record HarnessCpu(long cpu0, long wall0, long ops0) {
    /** The main phase's figures; {@code cpuNanos} is -1 where the JVM cannot tell its CPU time. */
    record Measured(long cpuNanos, long wallNanos, long ops) {
        double msPerOp() {
            return cpuNanos < 0 || ops == 0 ? Double.NaN : cpuNanos / 1e6 / ops;
        }

        double cores() {
            return cpuNanos < 0 || wallNanos == 0 ? Double.NaN : (double) cpuNanos / wallNanos;
        }

        String describe() {
            if (cpuNanos < 0) return "harness CPU: not measurable in this JVM";
            return String.format(Locale.ROOT, "harness CPU in the main phase: %.3f ms per op (%d ops, %.2f cores busy)",
                    msPerOp(), ops, cores());
        }

        /** As results.json records it. */
        ResultsRecord.HarnessCpu figures() {
            double per = msPerOp();
            return new ResultsRecord.HarnessCpu(cpuNanos < 0 ? null : cpuNanos / 1e6, wallNanos / 1e6, ops,
                    Double.isFinite(per) ? per : null);
        }
    }

    static HarnessCpu start(Recorder recorder) {
        return new HarnessCpu(processCpu(), System.nanoTime(), completed(recorder));
    }

    Measured stop(Recorder recorder) {
        long cpu = processCpu();
        return new Measured(cpu < 0 || cpu0 < 0 ? -1 : cpu - cpu0, System.nanoTime() - wall0, completed(recorder) - ops0);
    }

    private static long completed(Recorder r) {
        return r.okCount() + r.failCount() + r.infoCount();
    }

    private static long processCpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
