package io.faultline.junit;

import io.faultline.check.CheckResult;
import io.faultline.check.Checker;
import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.history.JsonlReader;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.linear.model.RegisterModel;
import io.faultline.recorder.Recorder;
import io.faultline.workloads.Linearizability;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One test's history, in faultline's JSONL format, of operations your own code performs: record
 * the invocation before the call and its outcome after, or let {@link #call} do both. Faults
 * started through {@link Faults} land in the same history. {@link #check()} decides it.
 */
public final class HistoryRecorder implements AutoCloseable {
    private final Recorder recorder;
    private final Path file;
    private final Map<Integer, Op> open = new ConcurrentHashMap<>();
    private final Set<Integer> retired = ConcurrentHashMap.newKeySet();

    HistoryRecorder(Path file) throws IOException {
        this.file = file;
        this.recorder = Recorder.create(file, System.nanoTime());
    }

    /** The history file (JSONL), for {@code ./faultline check} or a bug report. */
    public Path file() {
        return file;
    }

    /** An operation your code is about to perform: f is "read", "write" or "cas" ([expected, new]). */
    public Op invoke(int process, String f, String key, Object value) {
        if (process < 0) {
            throw new IllegalArgumentException("process " + process + ": expected 0 or more (negative ids are the nemesis)");
        }
        if (retired.contains(process)) {
            throw new IllegalStateException("process " + process + " had an op end in info (unknown outcome) and must not "
                    + "invoke again: continue with a new process id");
        }
        if (open.containsKey(process)) {
            throw new IllegalStateException("process " + process + " already has an op in flight: " + open.get(process));
        }
        Op op = recorder.record(process, OpType.INVOKE, f, key, value, null, null);
        open.put(process, op);
        return op;
    }

    /** It happened; for a read, {@code value} is what was read (null = absent). */
    public Op ok(Op invocation, Object value) {
        return complete(invocation, OpType.OK, value, null);
    }

    /** It certainly did not happen (a rejected request, a failed cas). */
    public Op fail(Op invocation, String error) {
        return complete(invocation, OpType.FAIL, invocation.value(), error);
    }

    /** Unknown whether it happened (timeout, connection lost); the process is retired. */
    public Op info(Op invocation, String error) {
        Op done = complete(invocation, OpType.INFO, invocation.value(), error);
        retired.add(invocation.process());
        return done;
    }

    /**
     * Records the invocation, runs {@code call}, and records {@code ok} with the value read (for
     * "read") or the value given, or {@code info} when the call throws, since the outcome of a
     * request that failed mid-way is unknown. Returns what the call returned, or null after info.
     */
    public <T> T call(int process, String f, String key, Object value, Call<T> call) {
        Op inv = invoke(process, f, key, value);
        T result;
        try {
            result = call.run();
        } catch (Exception e) {
            info(inv, e.getClass().getSimpleName() + ": " + e.getMessage());
            return null;
        }
        ok(inv, f.equals("read") ? result : value);
        return result;
    }

    /** Whether {@code process} may still invoke (it has not had an op end in info). */
    public boolean usable(int process) {
        return !retired.contains(process);
    }

    void recordNemesis(Op completion) {
        recorder.record(Op.NEMESIS, completion.type(), completion.f(), completion.key(), completion.value(),
                completion.node(), completion.error());
    }

    Op recordNemesisInvoke(String f, Object value) {
        return recorder.record(Op.NEMESIS, OpType.INVOKE, f, null, value, null, null);
    }

    /** Linearizability of every key as a compare-and-set register. */
    public CheckResult check() {
        return check(Linearizability.within(RegisterModel.casRegister(), Duration.ofSeconds(60)));
    }

    /** The history so far under {@code checker}; ops still in flight count as unknown (info). */
    public CheckResult check(Checker checker) {
        for (Op inv : open.values()) {
            info(inv, "still in flight when the history was checked");
        }
        recorder.sync();
        try {
            History h = JsonlReader.read(file);
            return checker.check(h);
        } catch (IOException | io.faultline.history.HistoryFormatException e) {
            throw new IllegalStateException("cannot read back the history " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@link #check()} and throws an AssertionError with the checker's explanation unless valid. */
    public CheckResult assertLinearizable() {
        CheckResult r = check();
        if (r.verdict() != Verdict.VALID) {
            StringBuilder sb = new StringBuilder(r.checker()).append(": ").append(r.verdict()).append(" - ")
                    .append(r.summary()).append(" (history ").append(file).append(')');
            r.anomalies().stream().limit(3).forEach(a -> sb.append("\n  ").append(a));
            throw new AssertionError(sb.toString());
        }
        return r;
    }

    private Op complete(Op invocation, OpType type, Object value, String error) {
        if (!open.remove(invocation.process(), invocation)) {
            throw new IllegalStateException("no op in flight for process " + invocation.process() + " matching " + invocation);
        }
        return recorder.record(invocation.process(), type, invocation.f(), invocation.key(), value, null, error);
    }

    @Override
    public void close() {
        recorder.close();
    }

    /** A call to the system under test. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws Exception;
    }
}
