package io.faultline.worker;

import io.faultline.fault.Nemesis;
import io.faultline.fault.NemesisContext;
import io.faultline.generator.GenOp;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.recorder.Recorder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The nemesis thread: routes {@code start-X}/{@code stop-X} ops to the nemesis that owns them, and
 * runs the final phase's {@code heal-all} and {@code await-recovery}. Every op is recorded as a
 * nemesis invocation and an {@code info} completion whose value says what was done.
 */
public final class NemesisHandler implements OpHandler {
    public static final String HEAL_ALL = "heal-all";
    public static final String AWAIT_RECOVERY = "await-recovery";

    private final List<Nemesis> nemeses;
    private final NemesisContext context;
    private final Recorder recorder;
    private final Set<String> active = new ConcurrentSkipListSet<>();

    public NemesisHandler(List<Nemesis> nemeses, NemesisContext context, Recorder recorder) {
        this.nemeses = List.copyOf(nemeses);
        this.context = context;
        this.recorder = recorder;
    }

    /** Faults started and not yet stopped, for the progress line. */
    public Set<String> activeFaults() {
        return Set.copyOf(active);
    }

    @Override
    public OpType handle(GenOp op) {
        Op invocation = recorder.record(Op.NEMESIS, OpType.INVOKE, op.f(), null, op.value(), null, null);
        Object value;
        String error = null;
        try {
            switch (op.f()) {
                case HEAL_ALL -> value = healAll();
                case AWAIT_RECOVERY -> value = awaitRecovery();
                default -> {
                    Op result = route(op.f()).invoke(context, invocation);
                    value = result.value();
                    error = result.error();
                }
            }
        } catch (RuntimeException e) {
            value = op.value();
            error = e.toString();
        }
        recorder.record(Op.NEMESIS, OpType.INFO, op.f(), null, value, null, error);
        return OpType.INFO;
    }

    private Nemesis route(String f) {
        for (Nemesis n : nemeses) {
            if (n.startF().equals(f)) {
                active.add(n.name());
                return n;
            }
            if (n.stopF().equals(f)) {
                active.remove(n.name());
                return n;
            }
        }
        throw new IllegalArgumentException("no nemesis handles '" + f + "'");
    }

    private Object healAll() {
        List<String> healed = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Nemesis n : nemeses) {
            try {
                n.healAll(context);
                healed.add(n.name());
            } catch (RuntimeException e) {
                errors.add(n.name() + ": " + e.getMessage());
            }
        }
        active.clear();
        List<String> left = new ArrayList<>();
        for (Nemesis n : nemeses) {
            try {
                String problem = n.verifyHealed(context);
                if (!problem.isEmpty()) left.add(n.name() + ": " + problem);
            } catch (RuntimeException e) {
                left.add(n.name() + ": cannot verify the heal: " + e.getMessage());
            }
        }
        left.addAll(errors);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("healed", healed);
        if (!errors.isEmpty()) v.put("errors", errors);
        v.put("verified", left.isEmpty());
        if (!left.isEmpty()) {
            v.put("reason", String.join("; ", left));
            context.log().accept("nemesis: the final heal did NOT take effect: " + String.join("; ", left));
        } else if (!nemeses.isEmpty()) {
            v.put("evidence", "no trace of " + healed + " left on the cluster");
        }
        return v;
    }

    private Object awaitRecovery() {
        long t0 = System.nanoTime();
        try {
            context.db().awaitReady();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for recovery");
        } catch (Exception e) {
            throw new IllegalStateException("cluster did not recover: " + e.getMessage(), e);
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("recovered-after-ms", (System.nanoTime() - t0) / 1_000_000);
        return v;
    }
}
