package io.faultline.check;

/** A checker's answer; maps onto the exit codes of the brief (0, 1, 2). */
public enum Verdict {
    VALID, INVALID, UNKNOWN;

    /** Combines verdicts of several checkers: any invalid wins, then unknown, then valid. */
    public Verdict and(Verdict other) {
        if (this == INVALID || other == INVALID) return INVALID;
        if (this == UNKNOWN || other == UNKNOWN) return UNKNOWN;
        return VALID;
    }

    public int exitCode() {
        return switch (this) {
            case VALID -> 0;
            case INVALID -> 1;
            case UNKNOWN -> 2;
        };
    }
}
