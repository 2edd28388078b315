package io.faultline.history;

/** {@code error} values with a meaning checkers rely on. */
public final class Errors {
    /**
     * A failed cas whose compare was observed to fail: the register held a value other than the
     * expected one at some point during the operation. Porcupine's etcd logs mean exactly this
     * by {@code :fail :cas}; the raftstore reports it as {@code "succeeded":false}. Without this
     * error a failed cas only means "did not take effect" (Jepsen's meaning).
     */
    public static final String CAS_MISMATCH = "cas-mismatch";

    /** The client gave up waiting; the outcome is unknown unless the type says otherwise. */
    public static final String TIMED_OUT = "timed-out";

    /**
     * Errors of {@code fail} ops that are the store's definite answer "no" (a compare that did not
     * match, a transaction refused for a conflict, a lock held by someone else), as opposed to a
     * request that failed because the store could not answer. Availability counts the former as
     * answered.
     */
    private static final java.util.List<String> ANSWER_PREFIXES = java.util.List.of(CAS_MISMATCH, "conflict",
            "lock-taken", "not-leader", "node-exists", "bad-version");

    private Errors() {
    }

    /** Whether a failed op with this error was answered by the store (see {@link #ANSWER_PREFIXES}). */
    public static boolean isStoreAnswer(String error) {
        if (error == null) return false;
        for (String p : ANSWER_PREFIXES) if (error.startsWith(p)) return true;
        return false;
    }
}
