package io.faultline.nemesis;

import io.faultline.env.Capability;
import io.faultline.env.ClockControl;
import io.faultline.env.Node;
import io.faultline.fault.NemesisContext;
import io.faultline.history.Op;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Clock skew through each node's libfaketime offset file: bump (shift target nodes by a random
 * +-N ms), strobe (flip between an offset and the node's old one for a while), reset. Before
 * touching anything it checks that the store's processes honour libfaketime and refuses
 * otherwise; after each change it reads the node's clock from a fresh process and reports the
 * fault as failed when the offset does not show.
 */
final class ClockNemesis extends FaultNemesis {
    static final List<String> MODES = List.of("bump", "strobe", "reset");
    static final String REFUSAL = "clock faults need a store whose runtime honours libfaketime";
    /** Slack for the clock read: the helper process starts and reads within this of our own reads. */
    private static final long TOLERANCE_MS = 150;

    private final List<String> modes;
    private final List<String> targets;
    private final long maxMillis;
    private final long strobeMillis;
    private final long strobePeriodMillis;

    ClockNemesis(List<String> modes, List<String> targets, long maxMillis, long strobeMillis, long strobePeriodMillis) {
        super("clock", Set.of(Capability.CLOCK), "start", "reset");
        this.modes = List.copyOf(modes);
        this.targets = List.copyOf(targets);
        this.maxMillis = maxMillis;
        this.strobeMillis = strobeMillis;
        this.strobePeriodMillis = strobePeriodMillis;
    }

    @Override
    Op start(NemesisContext context, Op invocation, Map<String, Object> value) throws Exception {
        return apply(context, invocation, value, true);
    }

    @Override
    Op stop(NemesisContext context, Op invocation, Map<String, Object> value) throws Exception {
        return apply(context, invocation, value, false);
    }

    /** Start: bump or strobe the target nodes' clocks; stop: reset every clock. Verified by reading each back. */
    private Op apply(NemesisContext context, Op invocation, Map<String, Object> value, boolean start) throws Exception {
        Optional<ClockControl> control = context.environment().clocks();
        if (control.isEmpty()) {
            return Outcome.failed(context, invocation, value,
                    "clock faults unavailable: " + context.environment().whyMissing(Capability.CLOCK));
        }
        ClockControl clocks = control.get();
        List<Node> nodes = context.environment().nodes();
        for (Node n : nodes) {
            Optional<String> why = clocks.whyIgnored(n);
            if (why.isPresent()) {
                return Outcome.failed(context, invocation, value, REFUSAL + " (" + why.get() + ")");
            }
        }
        String mode = start ? Requested.orDraw(invocation, "mode", modes, context.random()) : "reset";
        value.put("action", mode);
        Map<String, Object> offsets = new LinkedHashMap<>();
        List<Node> hit = mode.equals("reset") ? nodes
                : Targets.pick(Requested.orDraw(invocation, "targets", targets, context.random()), nodes, context.db(), context.random());
        switch (mode) {
            case "reset" -> clocks.reset();
            case "bump" -> {
                for (Node n : hit) {
                    clocks.setOffsetMillis(n, clocks.offsetMillis(n) + delta(context));
                }
            }
            case "strobe" -> strobe(context, clocks, hit, value);
            default -> {
                return Outcome.failed(context, invocation, value, "clock mode '" + mode + "': expected one of " + MODES);
            }
        }
        Map<String, Object> skew = new LinkedHashMap<>();
        for (Node n : hit) {
            offsets.put(n.name(), clocks.offsetMillis(n));
            skew.put(n.name(), verify(clocks, n));
        }
        value.put("nodes", Targets.names(hit));
        value.put("offsets-ms", offsets);
        value.put("observed-ms", skew);
        context.log().accept("nemesis: clock " + mode + " " + offsets);
        return Outcome.verified(invocation, value, hit.isEmpty() ? "no node targeted"
                : "each node's clock, read back by a fresh process under its libfaketime, shows its offset within "
                + TOLERANCE_MS + " ms: " + skew);
    }

    @Override
    void heal(NemesisContext context) {
        context.environment().clocks().ifPresent(ClockControl::reset);
    }

    @Override
    public String verifyHealed(NemesisContext context) {
        Optional<ClockControl> control = context.environment().clocks();
        if (control.isEmpty()) return "";
        List<String> wrong = new java.util.ArrayList<>();
        for (Node n : context.environment().nodes()) {
            try {
                if (control.get().offsetMillis(n) != 0) wrong.add(n.name() + " still has offset " + control.get().offsetMillis(n) + " ms");
                else verify(control.get(), n);
            } catch (RuntimeException e) {
                wrong.add(e.getMessage());
            }
        }
        return String.join("; ", wrong);
    }

    /** A random shift of 10..max ms either way; tiny shifts would hide under clock-read noise. */
    private long delta(NemesisContext context) {
        long min = Math.min(10, maxMillis);
        long magnitude = min + (long) (context.random().nextDouble() * (maxMillis - min));
        return context.random().nextBoolean() ? magnitude : -magnitude;
    }

    /**
     * Flips each target between old offset + delta and its old offset every period, for the
     * strobe duration; the periods are at least libfaketime's cache time, or nothing would show.
     */
    private void strobe(NemesisContext context, ClockControl clocks, List<Node> hit, Map<String, Object> value)
            throws InterruptedException {
        long period = Math.max(strobePeriodMillis, clocks.propagationMillis());
        Map<String, Long> base = new LinkedHashMap<>();
        Map<String, Long> shifted = new LinkedHashMap<>();
        for (Node n : hit) {
            base.put(n.name(), clocks.offsetMillis(n));
            shifted.put(n.name(), clocks.offsetMillis(n) + delta(context));
        }
        Map<String, Object> strobed = new LinkedHashMap<>(shifted);
        value.put("strobe-offsets-ms", strobed);
        value.put("strobe-ms", strobeMillis);
        value.put("period-ms", period);
        long end = System.nanoTime() + strobeMillis * 1_000_000;
        boolean up = true;
        int flips = 0;
        while (System.nanoTime() < end) {
            for (Node n : hit) {
                clocks.setOffsetMillis(n, (up ? shifted : base).get(n.name()));
            }
            flips++;
            up = !up;
            Thread.sleep(period);
        }
        for (Node n : hit) {
            clocks.setOffsetMillis(n, base.get(n.name()));
        }
        value.put("flips", (long) flips);
    }

    /** Reads the node's clock and returns the skew seen; throws when it is not the offset set. */
    private static long verify(ClockControl clocks, Node n) {
        long offset = clocks.offsetMillis(n);
        long before = System.currentTimeMillis();
        long observed = clocks.observedMillis(n);
        long after = System.currentTimeMillis();
        if (observed < before + offset - TOLERANCE_MS || observed > after + offset + TOLERANCE_MS) {
            throw new IllegalStateException("clock of " + n.name() + " does not show its offset: set " + offset
                    + " ms, observed " + (observed - before) + " ms");
        }
        return observed - (before + after) / 2;
    }
}
