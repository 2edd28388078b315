package io.faultline.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The faults of a history as the nemesis recorded them: every start and stop with whether its
 * effect was verified, the windows in which a fault was in force, and a per-kind tally. It is the
 * one reading of nemesis events that the run's exit code, the availability figures and the report
 * share, so they cannot disagree about which faults happened.
 *
 * <p>A start counts as in force from its completion until the invocation of its {@code stop-X} or
 * of {@code heal-all}; a start that erred or whose effect was not verified opens no window, since
 * nothing says the fault was ever there.
 */
public final class FaultLog {

    /**
     * One start or stop of a fault, from its {@code info} completion.
     *
     * @param kind     "partition", "kill", ... (the f without its start-/stop- prefix)
     * @param start    true for start-X, false for stop-X
     * @param invokeIndex history index of the invocation (the nemesis acts one op at a time)
     * @param invokeTime  nanoseconds of the invocation
     * @param index    history index of the completion
     * @param time     nanoseconds of the completion
     * @param verified whether the nemesis verified the effect; null when the history does not say
     * @param problem  the error or the reason the effect is unverified, "" when there is none
     * @param value    what the nemesis recorded (nodes, mode, evidence)
     */
    public record Action(String kind, boolean start, long invokeIndex, long invokeTime, long index, long time,
                         Boolean verified, String problem, Map<String, Object> value) {
        /**
         * As far as the history says, the fault was there: no error and not denied. Histories
         * written before faults were verified say nothing either way; their faults still shade plots.
         */
        public boolean tookEffect() {
            return problem.isEmpty() && !Boolean.FALSE.equals(verified);
        }

        /** The nemesis checked the effect and saw it: what a run needs before it may be valid. */
        public boolean confirmed() {
            return problem.isEmpty() && Boolean.TRUE.equals(verified);
        }
    }

    /** A span in which one fault was in force. */
    public record Window(String kind, Action start, long fromNanos, long toNanos) {
        public boolean contains(long t) {
            return t >= fromNanos && t < toNanos;
        }
    }

    /** Per kind: starts and stops made, and how many of each took effect; the first problems. */
    public record Tally(String kind, int starts, int startsVerified, int stops, int stopsVerified,
                        List<String> problems) {
        public boolean allVerified() {
            return starts > 0 && startsVerified == starts && stopsVerified == stops;
        }

        /** e.g. "partition 6/6 verified" or "partition 0/4 verified (iptables: not found)". */
        public String line() {
            String s = kind + " " + startsVerified + "/" + starts + " verified";
            if (stops != stopsVerified) s += ", heal " + stopsVerified + "/" + stops;
            return problems.isEmpty() ? s : s + " (" + problems.getFirst() + ")";
        }
    }

    private static final int MAX_PROBLEMS = 5;

    private final List<Action> actions;
    private final List<Window> windows;
    private final List<Action> finalHeals;

    private FaultLog(List<Action> actions, List<Window> windows, List<Action> finalHeals) {
        this.actions = List.copyOf(actions);
        this.windows = List.copyOf(windows);
        this.finalHeals = List.copyOf(finalHeals);
    }

    public static FaultLog of(List<Op> events) {
        List<Action> actions = new ArrayList<>();
        List<Window> windows = new ArrayList<>();
        List<Action> finalHeals = new ArrayList<>();
        Map<String, Action> open = new LinkedHashMap<>();
        long end = events.isEmpty() ? 0 : events.getLast().time() + 1;
        Op invoked = null;
        for (Op e : events) {
            if (!e.isNemesis()) continue;
            String f = e.f();
            if (e.type() == OpType.INVOKE) {
                invoked = e;
                if (f.startsWith("stop-")) {
                    Action started = open.remove(f.substring(5));
                    if (started != null) windows.add(new Window(started.kind(), started, started.time(), e.time()));
                } else if (f.equals("heal-all")) {
                    for (Action started : open.values()) {
                        windows.add(new Window(started.kind(), started, started.time(), e.time()));
                    }
                    open.clear();
                }
                continue;
            }
            Op inv = invoked != null && invoked.f().equals(f) ? invoked : e;
            if (f.equals("heal-all")) {
                finalHeals.add(action(inv, e, f, false));
                continue;
            }
            boolean start = f.startsWith("start-");
            if (!start && !f.startsWith("stop-")) continue;
            Action a = action(inv, e, f.substring(start ? 6 : 5), start);
            actions.add(a);
            if (start && a.tookEffect()) open.putIfAbsent(a.kind(), a);
        }
        for (Action started : open.values()) windows.add(new Window(started.kind(), started, started.time(), end));
        windows.sort((a, b) -> Long.compare(a.fromNanos(), b.fromNanos()));
        return new FaultLog(actions, windows, finalHeals);
    }

    @SuppressWarnings("unchecked")
    private static Action action(Op inv, Op e, String kind, boolean start) {
        Map<String, Object> value = e.value() instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Boolean verified = value.get("verified") instanceof Boolean b ? b : null;
        String problem = e.error() != null ? e.error()
                : Boolean.FALSE.equals(verified) ? String.valueOf(value.getOrDefault("reason", "effect not verified"))
                : "";
        if (problem.isEmpty() && verified == null) {
            // Not a problem for the plots (see tookEffect), but a tally must say why it is not confirmed.
            return new Action(kind, start, inv.index(), inv.time(), e.index(), e.time(), null, "", value);
        }
        return new Action(kind, start, inv.index(), inv.time(), e.index(), e.time(), verified, problem, value);
    }

    /** Starts and stops, in history order. */
    public List<Action> actions() {
        return actions;
    }

    /** The {@code heal-all} completions (the end of the main phase, Ctrl-C). */
    public List<Action> finalHeals() {
        return finalHeals;
    }

    /** Windows in which a fault was in force, by start time. */
    public List<Window> windows() {
        return windows;
    }

    public boolean inFault(long t) {
        for (Window w : windows) if (w.contains(t)) return true;
        return false;
    }

    /** One tally per kind that was started or stopped, in name order. */
    public List<Tally> tallies() {
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, List<String>> problems = new TreeMap<>();
        for (Action a : actions) {
            int[] c = counts.computeIfAbsent(a.kind(), k -> new int[4]);
            int slot = a.start() ? 0 : 2;
            c[slot]++;
            if (a.confirmed()) c[slot + 1]++;
            List<String> p = problems.computeIfAbsent(a.kind(), k -> new ArrayList<>());
            String why = !a.problem().isEmpty() ? a.problem() : a.confirmed() ? "" : "the nemesis did not record whether it took effect";
            if (!why.isEmpty() && p.size() < MAX_PROBLEMS && !p.contains(why)) p.add(why);
        }
        List<Tally> out = new ArrayList<>();
        counts.forEach((k, c) -> out.add(new Tally(k, c[0], c[1], c[2], c[3], problems.get(k))));
        return out;
    }

    /**
     * Why the faults asked for did not all happen, or "" when they did: a requested kind never
     * started, or some start or stop did not take effect. A test that did not happen is not valid.
     */
    public String shortfall(List<String> requested) {
        List<String> why = new ArrayList<>();
        Map<String, Tally> byKind = new TreeMap<>();
        for (Tally t : tallies()) byKind.put(t.kind(), t);
        for (String kind : requested) {
            Tally t = byKind.get(kind);
            if (t == null || t.starts() == 0) {
                why.add(kind + ": never started");
            } else if (t.startsVerified() < t.starts()) {
                why.add(kind + ": " + (t.starts() - t.startsVerified()) + " of " + t.starts()
                        + " starts did not take effect" + (t.problems().isEmpty() ? "" : ": " + t.problems().getFirst()));
            } else if (t.stopsVerified() < t.stops()) {
                why.add(kind + ": " + (t.stops() - t.stopsVerified()) + " of " + t.stops()
                        + " heals did not take effect" + (t.problems().isEmpty() ? "" : ": " + t.problems().getFirst()));
            }
        }
        if (!requested.isEmpty()) {
            for (Action h : finalHeals) {
                if (Boolean.FALSE.equals(h.verified()) || h.value().containsKey("errors")) {
                    why.add("final heal: " + (h.problem().isEmpty() ? h.value().get("errors") : h.problem()));
                }
            }
        }
        return String.join("; ", why);
    }
}
