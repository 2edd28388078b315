package io.faultline.raftstore.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;

/** The history checks run after each simulated schedule. */
final class SimChecks {
    private SimChecks() { }

    /** Register linearizability per key; null when valid. The one place to plug in io.faultline.linear. */
    static String linearizable(List<SimOp> history) {
        var keys = new TreeSet<String>();
        for (SimOp o : history) if (!o.f().equals("append") && !o.f().equals("readlist")) keys.add(o.key());
        for (String k : keys) {
            String why = RegisterLinearizability.check(k, history);
            if (why != null) return why;
        }
        return null;
    }

    /**
     * List-append checks: no element appears twice in a read (a retried append applied twice),
     * and a read contains every append acknowledged before the read was invoked (no lost write).
     */
    static String appends(List<SimOp> history) {
        var acked = new ArrayList<SimOp>();
        for (SimOp o : history) if (o.f().equals("append") && o.ok()) acked.add(o);
        for (SimOp r : history) {
            if (!r.f().equals("readlist") || !r.ok()) continue;
            @SuppressWarnings("unchecked")
            List<String> read = r.result() == null ? List.of() : (List<String>) r.result();
            var seen = new HashSet<String>();
            for (String v : read) {
                if (!seen.add(v)) return "duplicate: " + v + " appears twice in " + read + " read by process " + r.process()
                        + " at " + r.end() + " (a retried append was applied twice)";
            }
            for (SimOp a : acked) {
                if (a.key().equals(r.key()) && a.end() < r.start() && !seen.contains((String) a.arg())) {
                    return "lost write: append of " + a.arg() + " acknowledged at " + a.end() + " is missing from "
                            + read + " read from " + r.start();
                }
            }
        }
        return null;
    }
}
