package io.faultline.linear;

import io.faultline.history.Operation;

/** Renders results as text for the terminal and for anomaly explanations. */
public final class CounterexampleText {
    private static final int PREFIX_TAIL = 12;

    private CounterexampleText() {
    }

    /** The counterexample in words, several lines. */
    public static String render(Counterexample c) {
        StringBuilder sb = new StringBuilder();
        sb.append("not linearizable under model ").append(c.model());
        if (c.partition() != null) sb.append(", key ").append(c.partition());
        sb.append('\n');
        sb.append("Longest linearizable prefix: ").append(c.prefix().size()).append(" operation")
                .append(c.prefix().size() == 1 ? "" : "s").append("; it leaves the state ").append(c.stateAfter())
                .append(".\n");
        int from = Math.max(0, c.prefix().size() - PREFIX_TAIL);
        if (from > 0) sb.append("  ... ").append(from).append(" earlier operations\n");
        for (int i = from; i < c.prefix().size(); i++) {
            sb.append(String.format("  %4d. ", i + 1)).append(line(c.prefix().get(i), c.prefixSteps().get(i)))
                    .append('\n');
        }
        if (c.mustComplete() != null) {
            Operation b = c.mustComplete();
            sb.append("Next, something must take effect before process ").append(b.process())
                    .append(" completes its ").append(b.f()).append(" at index ").append(b.completeIndex())
                    .append(", but no operation can:\n");
        } else {
            sb.append("No operation can come next:\n");
        }
        for (Counterexample.Blocked x : c.blocked()) {
            sb.append("  - ").append(line(x.operation(), x.description())).append("\n      ").append(x.reason())
                    .append('\n');
        }
        return sb.toString();
    }

    /** One operation: process, what it did, when (indexes and times). */
    public static String line(Operation op, String description) {
        StringBuilder sb = new StringBuilder();
        sb.append("process ").append(op.process()).append(": ").append(description);
        sb.append("  [").append(op.outcome().wireName()).append("; index ").append(op.invokeIndex()).append("..");
        sb.append(op.completion() == null ? "never completed" : String.valueOf(op.completeIndex()));
        sb.append(", time ").append(op.invokeTime()).append("..");
        sb.append(op.completion() == null ? "?" : String.valueOf(op.completeTime())).append(" ns]");
        return sb.toString();
    }

    /** How far an unknown check got, for the summary line. */
    public static String progress(LinearizabilityResult r) {
        StringBuilder sb = new StringBuilder();
        int done = 0;
        for (PartitionReport p : r.partitions()) {
            if (p.verdict() == io.faultline.check.Verdict.VALID) done++;
        }
        sb.append(done).append(" of ").append(r.partitions().size()).append(" partition")
                .append(r.partitions().size() == 1 ? "" : "s").append(" linearizable");
        for (PartitionReport p : r.partitions()) {
            if (p.verdict() == io.faultline.check.Verdict.UNKNOWN) {
                sb.append("; ").append(p.partition() == null ? "history" : "key " + p.partition()).append(": ")
                        .append(p.note()).append(", longest linearizable prefix ").append(p.linearized()).append(" of ")
                        .append(p.relevant()).append(" operations after ").append(p.steps()).append(" steps");
                break;
            }
        }
        return sb.toString();
    }

    /** The whole result for the terminal. */
    public static String report(LinearizabilityResult r) {
        return switch (r.verdict()) {
            case VALID -> LinearizabilityChecker.toCheckResult(r).summary() + "\n";
            case INVALID -> render(r.counterexample());
            case UNKNOWN -> "unknown: " + progress(r) + "\n";
        };
    }
}
