package io.faultline.linear;

import io.faultline.check.Anomaly;
import io.faultline.check.CheckResult;
import io.faultline.check.Checker;
import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.history.Operation;
import io.faultline.linear.search.MemoryBudget;
import io.faultline.linear.search.SearchOutcome;
import io.faultline.linear.search.Segments;
import io.faultline.linear.search.WglSearch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Checks that a history is linearizable with respect to a {@link Model}: the Wing-Gong-Lowe
 * search with a configuration cache, per partition of the model (P-compositionality), the
 * partitions in parallel; the first invalid partition stops the others.
 */
public final class LinearizabilityChecker implements Checker {
    private static final int MAX_BLOCKED = 20;
    /**
     * Below this many relevant ops in all, partitions run in the calling thread: handing a few
     * hundred ops to other threads costs more than searching them (Porcupine's small files).
     */
    private static final int PARALLEL_MIN_OPS = 20_000;
    /** Partition list entry, kernel arrays (kind, two values), job arrays (op, invoke, return). */
    private static final long PER_OP_BYTES = 8 + 9 + 20 + 11;

    private final Model model;
    private final Object initial;
    private final Duration timeout;
    private final int parallelism;
    private final long maxMemoryBytes;     // 0: three quarters of the free heap at each check
    private final int minSegment;          // ops per segment at least; 0: no segments

    /** A checker with absent initial state, a one-hour timeout and one thread per core. */
    public LinearizabilityChecker(Model model) {
        this(model, null, Duration.ofHours(1), Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param model       the model
     * @param initial     the initial state (JSON-shaped, as {@code --initial}), or null for absent
     * @param timeout     after this the verdict is unknown
     * @param parallelism threads for partitions
     */
    public LinearizabilityChecker(Model model, Object initial, Duration timeout, int parallelism) {
        this(model, initial, timeout, parallelism, 0, Segments.DEFAULT_MIN_OPS);
    }

    private LinearizabilityChecker(Model model, Object initial, Duration timeout, int parallelism, long maxMemory,
                                   int minSegment) {
        this.model = model;
        this.initial = initial;
        this.timeout = timeout;
        this.parallelism = Math.max(1, parallelism);
        this.maxMemoryBytes = maxMemory;
        this.minSegment = minSegment;
    }

    /**
     * The same checker without splitting partitions at quiescent points ({@link Segments}):
     * the same verdicts; tests compare the two.
     */
    public LinearizabilityChecker withoutSegments() {
        return withMinSegment(0);
    }

    /** Segments of at least {@code ops} ops (0: none); tests split tiny histories with 1. */
    LinearizabilityChecker withMinSegment(int ops) {
        return new LinearizabilityChecker(model, initial, timeout, parallelism, maxMemoryBytes, ops);
    }

    /**
     * The same checker with a memory budget: the searches (their per-op arrays and remembered
     * configurations, all threads together) hold at most {@code bytes} of heap; a partition that
     * needs more is answered unknown, with the reason. The history itself is not counted.
     */
    public LinearizabilityChecker withMaxMemory(long bytes) {
        if (bytes <= 0) throw new IllegalArgumentException("max memory must be positive: " + bytes);
        return new LinearizabilityChecker(model, initial, timeout, parallelism, bytes, minSegment);
    }

    @Override
    public String name() {
        return "linearizable";
    }

    public Model model() {
        return model;
    }

    @Override
    public CheckResult check(History history) {
        return toCheckResult(analyze(history));
    }

    /**
     * Runs the check and returns everything it found.
     *
     * @throws ModelMismatchException when an operation does not fit the model
     */
    public LinearizabilityResult analyze(History history) {
        return analyze(history.operations());
    }

    public LinearizabilityResult analyze(List<Operation> operations) {
        long start = System.nanoTime();
        long deadline = start + Math.min(timeout.toNanos(), Long.MAX_VALUE / 4);
        MemoryBudget budget = maxMemoryBytes > 0 ? new MemoryBudget(maxMemoryBytes) : MemoryBudget.ofFreeHeap();
        // Partition lists, compiled kernels and per-job arrays: about this much per op, held for
        // the whole check, so it comes out of the budget before any search (the history itself
        // is the caller's and not counted).
        long fixed = Math.min(budget.limit(), PER_OP_BYTES * operations.size());
        budget.tryReserve(fixed);
        Map<Object, List<Operation>> parts = model.partition(operations);
        List<Job> jobs = new ArrayList<>(parts.size());
        for (Map.Entry<Object, List<Operation>> e : parts.entrySet()) {
            jobs.add(new Job(e.getKey(), e.getValue(), model.compile(e.getValue(), e.getKey(), initial)));
        }
        AtomicBoolean stop = new AtomicBoolean();
        Outcome[] outcomes = new Outcome[jobs.size()];
        int total = 0;
        for (Job j : jobs) total += j.kernelOps.length;
        if (jobs.size() <= 1 || parallelism == 1 || total < PARALLEL_MIN_OPS) {
            // Smallest first: cheap partitions are done at once, and an invalid one among them
            // stops a hard one before it starts.
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) order.add(i);
            order.sort(Comparator.comparingInt((Integer i) -> jobs.get(i).kernelOps.length));
            for (int i : order) {
                outcomes[i] = stop.get()
                        ? new Outcome(new SearchOutcome(SearchOutcome.Status.CANCELLED, new int[0], 0, 0, 0))
                        : run(jobs.get(i), deadline, stop, budget);
            }
        } else {
            runParallel(jobs, outcomes, deadline, stop, budget);
        }
        Verdict verdict = Verdict.VALID;
        Counterexample cx = null;
        List<PartitionReport> reports = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            Job j = jobs.get(i);
            Outcome o = outcomes[i];
            Verdict v = switch (o.search.status()) {
                case LINEARIZABLE -> Verdict.VALID;
                case NOT_LINEARIZABLE -> Verdict.INVALID;
                default -> Verdict.UNKNOWN;
            };
            String note = switch (o.search.status()) {
                case TIMED_OUT -> "timed out after " + timeout.toMillis() / 1000.0 + " s";
                case CANCELLED -> "stopped: another partition is not linearizable";
                case MEMORY_BUDGET -> o.outOfHeap
                        ? "gave up: the JVM ran out of heap (raise -Xmx or lower --max-memory)"
                        : "gave up: the search reached the memory budget ("
                        + String.format(java.util.Locale.ROOT, "%.1f", budget.limit() / 1048576.0) + " MiB; --max-memory)";
                default -> null;
            };
            reports.add(new PartitionReport(j.key, j.ops.size(), j.kernelOps.length, v, o.search.longestPrefix().length,
                    o.search.steps(), note, o.segments, o.method));
            verdict = verdict.and(v);
            if (v == Verdict.INVALID && cx == null) cx = counterexample(j, o);
        }
        return new LinearizabilityResult(verdict, model.name(), reports, cx, System.nanoTime() - start);
    }

    private record Job(Object key, List<Operation> ops, Kernel kernel, int[] kernelOps) {
        Job(Object key, List<Operation> ops, Kernel kernel) {
            this(key, ops, kernel, relevantOps(ops, kernel));
        }

        long[] invoke() {
            long[] r = new long[kernelOps.length];
            for (int i = 0; i < r.length; i++) r[i] = ops.get(kernelOps[i]).invokeIndex();
            return r;
        }

        long[] ret() {
            long[] r = new long[kernelOps.length];
            for (int i = 0; i < r.length; i++) {
                Operation op = ops.get(kernelOps[i]);
                r[i] = op.isInfo() ? Long.MAX_VALUE : op.completeIndex();
            }
            return r;
        }

        private static int[] relevantOps(List<Operation> ops, Kernel kernel) {
            int[] r = new int[ops.size()];
            int n = 0;
            for (int i = 0; i < ops.size(); i++) if (kernel.relevant(i)) r[n++] = i;
            return java.util.Arrays.copyOf(r, n);
        }
    }

    /** impossible: the position of an op no reachable state allows ({@link ImpossibleOps}), or -1. */
    private record Outcome(SearchOutcome search, boolean outOfHeap, int segments, String method, int impossible) {
        Outcome(SearchOutcome search) {
            this(search, false, 1, SEARCH, -1);
        }

        Outcome(SearchOutcome search, boolean outOfHeap, int segments, String method) {
            this(search, outOfHeap, segments, method, -1);
        }

        static Outcome gaveUp(boolean outOfHeap, String method) {
            return new Outcome(new SearchOutcome(SearchOutcome.Status.MEMORY_BUDGET, new int[0], 0, 0, 0), outOfHeap, 1,
                    method);
        }
    }

    /** Above this many ops the pre-check of {@link ImpossibleOps} is worth its states × ops steps. */
    private static final int PRECHECK_MIN_OPS = 2048;

    private static final String SEARCH = "search";

    private Outcome run(Job j, long deadline, AtomicBoolean stop, MemoryBudget budget) {
        String method = SEARCH;
        int withRevision = KnownOrder.recorded(j.ops, j.kernelOps);
        int known = KnownOrder.known(j.ops, j.kernelOps);
        if (withRevision > 0 && withRevision == known) {
            KnownOrder.Outcome k = KnownOrder.check(j.ops, j.kernel, j.kernelOps);
            if (k.witnessed()) {
                return new Outcome(new SearchOutcome(SearchOutcome.Status.LINEARIZABLE, k.order(), j.kernel.initialState(),
                        j.kernelOps.length, 0), false, 1, "recorded order");
            }
            method = "search: the recorded order is not a linearization (" + k.problem() + ")";
        } else if (withRevision > 0) {
            method = "search: only " + withRevision + " of " + known + " operations record a revision";
        }
        try {
            return search(j, deadline, stop, budget, method);
        } catch (OutOfMemoryError e) {
            // The budget is an estimate and the heap is shared with the caller: should the heap
            // still run out, this partition is unknown rather than the whole program dead. The
            // search's arrays are unreachable by now, so the handler itself has room.
            return Outcome.gaveUp(true, method);
        }
    }

    private Outcome search(Job j, long deadline, AtomicBoolean stop, MemoryBudget budget, String method) {
        long own = WglSearch.bytesFor(j.kernelOps.length, j.kernel.stateBound());
        if (!budget.tryReserve(own)) return Outcome.gaveUp(false, method);
        try {
            long[] invoke = j.invoke();
            long[] ret = j.ret();
            int impossible = j.kernelOps.length >= PRECHECK_MIN_OPS ? ImpossibleOps.first(j.ops, j.kernel, j.kernelOps) : -1;
            if (impossible >= 0) {
                stop.set(true);
                return new Outcome(prefixBefore(j, impossible, invoke, ret, deadline, budget), false, 1,
                        "refuted before the search: " + j.kernel.describeOp(j.kernelOps[impossible])
                                + " can never take effect", impossible);
            }
            int[] starts = minSegment > 0 ? Segments.starts(j.kernel, invoke, ret, minSegment) : new int[] {0};
            SearchOutcome o = null;
            if (starts.length > 1) {
                o = Segments.run(j.kernel, j.kernelOps, invoke, ret, starts, deadline, stop, budget);
                // Invalid: search the whole partition once more, for the counterexample's prefix.
                if (o.status() == SearchOutcome.Status.NOT_LINEARIZABLE) {
                    SearchOutcome whole = new WglSearch(j.kernel, j.kernelOps, invoke, ret).run(deadline, stop, budget);
                    if (whole.status() == SearchOutcome.Status.NOT_LINEARIZABLE) o = whole;
                }
            } else {
                o = new WglSearch(j.kernel, j.kernelOps, invoke, ret).run(deadline, stop, budget);
            }
            if (o.status() == SearchOutcome.Status.NOT_LINEARIZABLE) stop.set(true);
            return new Outcome(o, false, starts.length, method);
        } finally {
            budget.release(own);
        }
    }

    private void runParallel(List<Job> jobs, Outcome[] outcomes, long deadline, AtomicBoolean stop,
                             MemoryBudget budget) {
        // Biggest partitions first, so a long one does not start last.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) order.add(i);
        order.sort(Comparator.comparingInt((Integer i) -> jobs.get(i).kernelOps.length).reversed());
        // Workers take the next partition in that order; no pool is created or kept per check,
        // and the calling thread is one of the workers.
        java.util.concurrent.atomic.AtomicInteger nextJob = new java.util.concurrent.atomic.AtomicInteger();
        Runnable worker = () -> {
            for (int k = nextJob.getAndIncrement(); k < order.size(); k = nextJob.getAndIncrement()) {
                int i = order.get(k);
                outcomes[i] = stop.get()
                        ? new Outcome(new SearchOutcome(SearchOutcome.Status.CANCELLED, new int[0], 0, 0, 0))
                        : run(jobs.get(i), deadline, stop, budget);
            }
        };
        int helpers = Math.min(parallelism, jobs.size()) - 1;
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int h = 0; h < helpers; h++) fs.add(pool.submit(worker));
            worker.run();
            for (Future<?> f : fs) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.set(true);
            throw new IllegalStateException("interrupted while checking", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A not-linearizable outcome whose prefix linearizes the ops that completed before the
     * impossible op was invoked (a search of those alone, usually quick; empty if that fails or
     * times out), for the explanation.
     */
    private static SearchOutcome prefixBefore(Job j, int impossible, long[] invoke, long[] ret, long deadline,
                                              MemoryBudget budget) {
        long before = invoke[impossible];
        int n = 0;
        int[] pos = new int[j.kernelOps.length];
        // crashed ops invoked before it may be needed to explain those, and need not be placed
        for (int p = 0; p < j.kernelOps.length; p++) {
            if (ret[p] < before || ret[p] == Long.MAX_VALUE && invoke[p] < before) pos[n++] = p;
        }
        int[] subOps = new int[n];
        long[] subInvoke = new long[n];
        long[] subRet = new long[n];
        for (int i = 0; i < n; i++) {
            subOps[i] = j.kernelOps[pos[i]];
            subInvoke[i] = invoke[pos[i]];
            subRet[i] = ret[pos[i]];
        }
        SearchOutcome sub = new WglSearch(j.kernel, subOps, subInvoke, subRet).run(deadline, new AtomicBoolean(), budget);
        int[] prefix = new int[0];
        int state = j.kernel.initialState();
        if (sub.status() == SearchOutcome.Status.LINEARIZABLE) {
            prefix = new int[sub.longestPrefix().length];
            for (int i = 0; i < prefix.length; i++) prefix[i] = pos[sub.longestPrefix()[i]];
            state = sub.prefixState();
        }
        return new SearchOutcome(SearchOutcome.Status.NOT_LINEARIZABLE, prefix, state, sub.steps(), 0);
    }

    private Counterexample counterexample(Job j, Outcome outcome) {
        SearchOutcome o = outcome.search;
        Kernel k = j.kernel;
        int m = j.kernelOps.length;
        BitSet done = new BitSet(m);
        List<Operation> prefix = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        List<String> states = new ArrayList<>();
        int state = k.initialState();
        states.add(k.describeState(state));
        for (int s : o.longestPrefix()) {
            done.set(s);
            prefix.add(j.ops.get(j.kernelOps[s]));
            steps.add(k.describeOp(j.kernelOps[s]));
            // The state after each prefix op, replayed through the model, for the page's hover text.
            int next = k.step(state, j.kernelOps[s]);
            state = next == Kernel.ILLEGAL ? state : next;
            states.add(k.describeState(state));
        }
        // The first completion among the ops left bounds what may come next: any op invoked
        // before it could be next, and none of them can.
        long minReturn = Long.MAX_VALUE;
        Operation bound = null;
        for (int s = 0; s < m; s++) {
            Operation op = j.ops.get(j.kernelOps[s]);
            if (!done.get(s) && !op.isInfo() && op.completeIndex() < minReturn) {
                minReturn = op.completeIndex();
                bound = op;
            }
        }
        List<Counterexample.Blocked> blocked = new ArrayList<>();
        if (outcome.impossible >= 0) {
            // Refuted before the search: name the op itself, whatever comes before it.
            int kop = j.kernelOps[outcome.impossible];
            Operation op = j.ops.get(kop);
            blocked.add(new Counterexample.Blocked(op, k.describeOp(kop), "no order of this history's operations"
                    + " ever leaves a state in which it can take effect (here: " + k.whyNot(o.prefixState(), kop) + ")",
                    false));
            return new Counterexample(j.key, model.name(), prefix, steps, k.describeState(o.prefixState()), blocked, op,
                    j.ops, states);
        }
        for (int s = 0; s < m && blocked.size() < MAX_BLOCKED; s++) {
            Operation op = j.ops.get(j.kernelOps[s]);
            if (done.get(s) || op.invokeIndex() > minReturn) continue;
            int kop = j.kernelOps[s];
            boolean allowed = k.step(o.prefixState(), kop) != Kernel.ILLEGAL;
            String reason = allowed
                    ? "the model accepts it here, but then no order of the remaining operations is possible"
                    : k.whyNot(o.prefixState(), kop);
            blocked.add(new Counterexample.Blocked(op, k.describeOp(kop), reason, allowed));
        }
        return new Counterexample(j.key, model.name(), prefix, steps, k.describeState(o.prefixState()), blocked, bound,
                j.ops, states);
    }

    /** The {@link CheckResult} every checker returns, with the counterexample as an anomaly. */
    public static CheckResult toCheckResult(LinearizabilityResult r) {
        int ops = r.partitions().stream().mapToInt(PartitionReport::operations).sum();
        String summary = switch (r.verdict()) {
            case VALID -> "linearizable (" + ops + " operations, " + r.partitions().size() + " partition"
                    + (r.partitions().size() == 1 ? "" : "s") + ", model " + r.model() + ")";
            case INVALID -> "not linearizable" + (r.counterexample().partition() == null ? ""
                    : " (key " + r.counterexample().partition() + ")") + ", model " + r.model();
            case UNKNOWN -> "unknown: " + CounterexampleText.progress(r);
        };
        List<Anomaly> anomalies = new ArrayList<>();
        if (r.counterexample() != null) {
            Counterexample c = r.counterexample();
            List<Long> idx = new ArrayList<>();
            for (Counterexample.Blocked b : c.blocked()) idx.add(b.operation().invokeIndex());
            anomalies.add(new Anomaly("nonlinearizable", CounterexampleText.render(c), idx));
        }
        return new CheckResult("linearizable", r.verdict(), summary, anomalies, ResultJson.details(r));
    }
}
