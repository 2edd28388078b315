package io.faultline.raftstore.sim;

import io.faultline.check.Anomaly;
import io.faultline.check.CheckResult;
import io.faultline.check.Verdict;
import io.faultline.history.Errors;
import io.faultline.history.History;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.linear.LinearizabilityChecker;
import io.faultline.linear.Models;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/** The history checks run after each simulated schedule. */
final class SimChecks {
    private SimChecks() { }

    private static final LinearizabilityChecker CAS_REGISTER =
            new LinearizabilityChecker(Models.standard().byName("cas-register").orElseThrow(), null, Duration.ofSeconds(60), 1);

    /** Register linearizability per key, by the shared checker (io.faultline.linear); null when valid. */
    static String linearizable(List<SimOp> history) {
        CheckResult r = CAS_REGISTER.check(toHistory(history));
        if (r.verdict() == Verdict.VALID) return null;
        if (r.verdict() == Verdict.UNKNOWN) return null; // gave up: not an anomaly
        var why = new StringBuilder(r.summary());
        for (Anomaly a : r.anomalies()) why.append("\n  ").append(a.explanation());
        return why.toString();
    }

    /** The register ops as a faultline history: invocations and completions in time order. */
    static History toHistory(List<SimOp> history) {
        record Ev(long time, int order, Op op) { }
        var evs = new ArrayList<Ev>();
        long runEnd = 0;
        for (SimOp o : history) if (o.end() != Long.MAX_VALUE) runEnd = Math.max(runEnd, o.end());
        int n = 0;
        for (SimOp o : history) {
            String f = switch (o.f()) {
                case "put" -> "write";
                case "get" -> "read";
                case "cas" -> "cas";
                default -> null;
            };
            if (f == null) continue;
            Object arg = switch (f) {
                case "write" -> o.arg();
                case "cas" -> Arrays.asList((Object[]) o.arg());
                default -> null;
            };
            long ms = 1_000_000L;
            evs.add(new Ev(o.start(), n++, new Op(0, o.start() * ms, o.process(), OpType.INVOKE, f, o.key(), arg, null, null)));
            OpType type = switch (o.outcome()) {
                case "ok" -> OpType.OK;
                case "fail" -> OpType.FAIL;
                default -> OpType.INFO;
            };
            Object value = arg;
            String error = null;
            if (f.equals("read")) value = o.ok() ? o.result() : null;
            if (f.equals("cas") && o.ok() && !((Boolean) o.result())) {
                type = OpType.FAIL;
                error = Errors.CAS_MISMATCH;
            }
            long end = o.info() ? Math.max(runEnd, o.start()) + 1 : o.end();
            // Completions sort after invocations at the same instant: more overlap, never a false alarm.
            evs.add(new Ev(end, Integer.MAX_VALUE / 2 + n++, new Op(0, end * ms, o.process(), type, f, o.key(), value, null, error)));
        }
        evs.sort((a, b) -> a.time() != b.time() ? Long.compare(a.time(), b.time()) : Integer.compare(a.order(), b.order()));
        var ops = new ArrayList<Op>(evs.size());
        for (int i = 0; i < evs.size(); i++) ops.add(evs.get(i).op().withIndex(i));
        return History.of(ops);
    }

    /**
     * List-append checks: no element appears twice in a read (a retried append applied twice),
     * and a read contains every append acknowledged before the read was invoked (no lost write).
     */
    static String appends(List<SimOp> history) {
        var acked = new ArrayList<SimOp>();
        for (SimOp o : history) if ((o.f().equals("append") || o.f().equals("rappend")) && o.ok()) acked.add(o);
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
        return txnAtomicity(history);
    }

    /**
     * A read-then-append txn [r L, append L v] that read Lr: in every later read of L that holds
     * v, exactly Lr comes before v. An interleaved append between the read and the append (a
     * txn that is not atomic) puts something else there.
     */
    @SuppressWarnings("unchecked")
    static String txnAtomicity(List<SimOp> history) {
        var reads = new ArrayList<SimOp>();
        for (SimOp o : history) if ((o.f().equals("readlist") || o.f().equals("rappend")) && o.ok()) reads.add(o);
        for (SimOp t : history) {
            if (!t.f().equals("rappend") || !t.ok()) continue;
            List<String> before = t.result() == null ? List.of() : (List<String>) t.result();
            for (SimOp r : reads) {
                List<String> read = r.result() == null ? List.of() : (List<String>) r.result();
                int at = read.indexOf((String) t.arg());
                if (at < 0) continue;
                if (!read.subList(0, at).equals(before)) {
                    return "txn not atomic: process " + t.process() + " read " + before + " then appended " + t.arg()
                            + ", but a later read " + read + " shows " + read.subList(0, at) + " before it";
                }
            }
        }
        return null;
    }
}
