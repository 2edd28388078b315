package io.faultline.results;

import io.faultline.check.Verdict;

/** The exit code of a recorded run, for {@code run}, results.json and {@code report --recheck} alike. */
public final class RunExit {
    /** A harness failure, including a test whose requested faults did not happen. */
    public static final int HARNESS_FAILURE = 3;

    private RunExit() {
    }

    /**
     * 1 when an anomaly was found (it is real whatever else went wrong); otherwise 3 when a requested
     * fault never took effect ({@code faultShortfall} non-empty), since a test that did not happen is
     * never valid; otherwise the verdict's.
     */
    public static int of(Verdict verdict, String faultShortfall) {
        return of(verdict, faultShortfall, "");
    }

    /**
     * As {@link #of(Verdict, String)}, and 1 when the store did not recover after the final heal
     * ({@code nonRecovery} non-empty, see {@code io.faultline.history.Recovery}): that is a finding
     * about the store, like an anomaly; it counts only once the faults are known to have happened and
     * been healed (no shortfall), since a heal that did not take effect explains a silent cluster.
     */
    public static int of(Verdict verdict, String faultShortfall, String nonRecovery) {
        if (verdict == Verdict.INVALID) return verdict.exitCode();
        if (!faultShortfall.isEmpty()) return HARNESS_FAILURE;
        if (!nonRecovery.isEmpty()) return Verdict.INVALID.exitCode();
        return verdict.exitCode();
    }
}
