package io.faultline.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Several stores' runs side by side: per store and workload the medians over the rounds (one run
 * per store per round, the stores in turn, so that load from elsewhere on the machine hits them
 * alike), every checker's verdict, and the settings each store ran with. Rendered as a console
 * table ({@link #table}) and an HTML page ({@link ComparePage}).
 */
public record Comparison(List<CompareRow> runs) {

    /** Said wherever figures are shown: they are not portable. */
    public static final String MACHINE_NOTE = "Absolute figures are this machine's (its cores, its disk, and whatever else"
            + " ran on it at the time); only the side-by-side ratios of one invocation compare stores.";

    public Comparison {
        runs = List.copyOf(runs);
    }

    /** One store and workload over every round. */
    public record Line(String store, String workload, int rounds, double okOps, double okPerSecond, double p50Millis,
                       double p99Millis, double availability, Map<String, Double> availabilityPerFault,
                       Map<String, String> checkers, Map<String, String> settings, double harnessCpuMsPerOp) {
    }

    public List<Line> lines() {
        Map<String, List<CompareRow>> groups = new LinkedHashMap<>();
        for (CompareRow r : runs) groups.computeIfAbsent(r.store() + "\u0000" + r.workload(), k -> new ArrayList<>()).add(r);
        List<Line> out = new ArrayList<>();
        for (List<CompareRow> g : groups.values()) {
            CompareRow first = g.getFirst();
            Map<String, Double> perFault = new LinkedHashMap<>();
            for (String f : faultKinds()) perFault.put(f, median(g.stream().mapToDouble(r -> r.availabilityPerFault().getOrDefault(f, Double.NaN)).toArray()));
            Map<String, String> checkers = new LinkedHashMap<>();
            for (String c : checkerNames()) checkers.put(c, verdictOver(g, c));
            out.add(new Line(first.store(), first.workload(), g.size(),
                    median(g.stream().mapToDouble(CompareRow::okOps).toArray()),
                    median(g.stream().mapToDouble(CompareRow::okPerSecond).toArray()),
                    median(g.stream().mapToDouble(CompareRow::p50Millis).toArray()),
                    median(g.stream().mapToDouble(CompareRow::p99Millis).toArray()),
                    median(g.stream().mapToDouble(CompareRow::availability).toArray()),
                    perFault, checkers, first.settings(),
                    median(g.stream().mapToDouble(CompareRow::harnessCpuMsPerOp).toArray())));
        }
        return out;
    }

    /** Every fault kind any run had, in first-seen order. */
    public List<String> faultKinds() {
        Set<String> s = new LinkedHashSet<>();
        for (CompareRow r : runs) s.addAll(r.availabilityPerFault().keySet());
        return List.copyOf(s);
    }

    public List<String> checkerNames() {
        Set<String> s = new LinkedHashSet<>();
        for (CompareRow r : runs) s.addAll(r.checkers().keySet());
        return List.copyOf(s);
    }

    /** "kept" when every round's checker said valid, "BROKEN (k/n)" when any said invalid, else the verdicts seen. */
    private static String verdictOver(List<CompareRow> g, String checker) {
        long broken = g.stream().filter(r -> "invalid".equals(r.checkers().get(checker))).count();
        if (broken > 0) return "BROKEN" + (g.size() > 1 ? " (" + broken + "/" + g.size() + ")" : "");
        if (g.stream().allMatch(r -> "valid".equals(r.checkers().get(checker)))) return "kept";
        Set<String> seen = new LinkedHashSet<>();
        for (CompareRow r : g) seen.add(r.checkers().getOrDefault(checker, "-"));
        return String.join("/", seen);
    }

    /** The median of the finite values; NaN when there are none. */
    static double median(double[] xs) {
        double[] f = Arrays.stream(xs).filter(Double::isFinite).sorted().toArray();
        if (f.length == 0) return Double.NaN;
        return f.length % 2 == 1 ? f[f.length / 2] : (f[f.length / 2 - 1] + f[f.length / 2]) / 2;
    }

    /** The console table: one row per store and workload, then each store's settings. */
    public String table() {
        List<String> faults = faultKinds();
        List<String> names = checkerNames();
        List<String[]> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("store", "workload", "rounds", "ok ops", "ok/s", "p50 ms", "p99 ms", "avail"));
        for (String f : faults) head.add("avail " + f);
        head.addAll(names);
        head.add("harness cpu ms/op");
        rows.add(head.toArray(String[]::new));
        for (Line l : lines()) {
            List<String> row = new ArrayList<>(List.of(l.store(), l.workload(), Integer.toString(l.rounds()), num(l.okOps(), 0),
                    num(l.okPerSecond(), 0), num(l.p50Millis(), 1), num(l.p99Millis(), 1), pct(l.availability())));
            for (String f : faults) row.add(pct(l.availabilityPerFault().get(f)));
            for (String c : names) row.add(l.checkers().get(c));
            row.add(num(l.harnessCpuMsPerOp(), 3));
            rows.add(row.toArray(String[]::new));
        }
        StringBuilder b = new StringBuilder(align(rows));
        Set<String> shown = new LinkedHashSet<>();
        for (Line l : lines()) {
            if (!shown.add(l.store())) continue;
            b.append("settings of ").append(l.store()).append(": ")
                    .append(l.settings().isEmpty() ? "(none stated)" : l.settings().toString()).append('\n');
        }
        b.append("medians over the rounds; throughput counts ok ops invoked in the main phase.\n");
        b.append(MACHINE_NOTE).append('\n');
        return b.toString();
    }

    static String num(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%,." + decimals + "f", v) : "-";
    }

    static String pct(Double v) {
        return v != null && Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", v * 100) : "-";
    }

    private static String align(List<String[]> rows) {
        return TextTable.align(rows);
    }
}
