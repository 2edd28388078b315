package io.faultline.env;

/** The outcome of a short command run on a node. */
public record ExecResult(int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }
}
