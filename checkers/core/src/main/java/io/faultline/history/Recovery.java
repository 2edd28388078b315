package io.faultline.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether the store served again after the last {@code heal-all}: the time from the heal's
 * completion to the first client op that succeeded. A store that does not come back once every
 * fault is healed is itself a finding about the store (its checkers can then often say nothing:
 * a set whose final read never succeeded is unknown), so it is reported on its own.
 *
 * <p>It is decided only from what the history shows: "not recovered" needs client ops after the
 * heal spanning at least the bound with none succeeding in it (or the first success later than the
 * bound); a history with no client ops after the heal (workloads without a final phase), or with
 * too short a span of failures, is "not observed", never a finding.
 *
 * @param status      what the history shows
 * @param boundNanos  how long after the heal a success must come
 * @param firstOkNanos time from the heal's completion to the first success, or -1 when none
 * @param observedNanos time from the heal's completion to the last client event after it
 * @param silentNodes when not recovered: the nodes that had ops after the heal and answered none with success,
 *                    each with the number of ops tried there
 */
public record Recovery(Status status, long boundNanos, long firstOkNanos, long observedNanos,
                       Map<String, Integer> silentNodes) {
    public enum Status { RECOVERED, NOT_RECOVERED, NOT_OBSERVED }

    /**
     * A correct raftstore on a loaded 2-core machine served again within about 5 s of the final heal
     * (restarts included, since the heal of a kill waits until the nodes accept connections); 20 s is
     * far enough from that not to call slowness a finding.
     */
    public static final long DEFAULT_BOUND_NANOS = 20_000_000_000L;

    public Recovery {
        silentNodes = Map.copyOf(silentNodes);
    }

    public static Recovery of(List<Op> events) {
        return of(events, DEFAULT_BOUND_NANOS);
    }

    public static Recovery of(List<Op> events, long boundNanos) {
        long heal = -1;
        for (Op e : events) {
            if (e.isNemesis() && e.type() != OpType.INVOKE && e.f().equals("heal-all")) heal = e.time();
        }
        if (heal < 0) return new Recovery(Status.NOT_OBSERVED, boundNanos, -1, 0, Map.of());
        long firstOk = -1;
        long last = heal;
        Map<String, Integer> tried = new TreeMap<>();
        Map<String, Boolean> succeeded = new TreeMap<>();
        for (Op e : events) {
            if (e.isNemesis() || e.time() <= heal) continue;
            last = Math.max(last, e.time());
            String node = e.node() == null ? "?" : e.node();
            if (e.type() == OpType.INVOKE) {
                tried.merge(node, 1, Integer::sum);
            } else if (e.type() == OpType.OK) {
                succeeded.put(node, true);
                if (firstOk < 0) firstOk = e.time() - heal;
            }
        }
        long observed = last - heal;
        if (firstOk >= 0 && firstOk <= boundNanos) {
            return new Recovery(Status.RECOVERED, boundNanos, firstOk, observed, Map.of());
        }
        if (firstOk < 0 && observed < boundNanos) {
            return new Recovery(Status.NOT_OBSERVED, boundNanos, -1, observed, Map.of());
        }
        Map<String, Integer> silent = new TreeMap<>(tried);
        silent.keySet().removeAll(succeeded.keySet());
        return new Recovery(Status.NOT_RECOVERED, boundNanos, firstOk, observed, silent);
    }

    public boolean notRecovered() {
        return status == Status.NOT_RECOVERED;
    }

    /**
     * e.g. "recovered 1.2 s after the final heal", or "did not recover: no op succeeded in the 20 s
     * after the final heal; n2 (14 ops), n3 (12 ops) never answered with success".
     */
    public String line() {
        return switch (status) {
            case RECOVERED -> "recovered " + seconds(firstOkNanos) + " after the final heal";
            case NOT_OBSERVED -> observedNanos == 0 && firstOkNanos < 0
                    ? "recovery not observed: no client op after the final heal"
                    : "recovery not observed: no op succeeded, but the ops after the final heal span only "
                      + seconds(observedNanos) + " (less than " + seconds(boundNanos) + ")";
            case NOT_RECOVERED -> {
                String s = "did not recover: " + (firstOkNanos < 0
                        ? "no op succeeded in the " + seconds(observedNanos) + " after the final heal"
                        : "the first op succeeded only " + seconds(firstOkNanos) + " after the final heal (bound "
                          + seconds(boundNanos) + ")");
                List<String> nodes = new ArrayList<>();
                silentNodes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> nodes.add(e.getKey() + " (" + e.getValue() + " ops)"));
                yield nodes.isEmpty() ? s : s + "; " + String.join(", ", nodes) + " never answered with success";
            }
        };
    }

    /** The "recovery" entry of results.json. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        m.put("bound-ms", boundNanos / 1_000_000);
        if (firstOkNanos >= 0) m.put("first-ok-after-heal-ms", firstOkNanos / 1_000_000);
        m.put("observed-after-heal-ms", observedNanos / 1_000_000);
        if (!silentNodes.isEmpty()) m.put("nodes-never-answered", new TreeMap<>(silentNodes));
        m.put("summary", line());
        return m;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
