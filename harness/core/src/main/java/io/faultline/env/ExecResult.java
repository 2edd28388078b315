package io.faultline.env;

/** The outcome of a short command run on a node. */
public record ExecResult(int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }

    /**
     * A {@code kill} that failed only because every process it named had already exited ("No such
     * process"): it raced an exit, and gone is what any signal of the harness wants or allows.
     */
    public boolean failedOnGoneProcesses() {
        return !ok() && !stderr.isBlank() && stderr.lines().filter(l -> !l.isBlank()).allMatch(l -> l.contains("No such process"));
    }
}
