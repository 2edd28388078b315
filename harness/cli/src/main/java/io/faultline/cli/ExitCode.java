package io.faultline.cli;

/** The exit codes of the brief; every subcommand returns one of these. */
public final class ExitCode {
    public static final int VALID = 0;
    public static final int ANOMALY = 1;
    public static final int UNKNOWN = 2;
    public static final int HARNESS_FAILURE = 3;

    private ExitCode() {
    }
}
