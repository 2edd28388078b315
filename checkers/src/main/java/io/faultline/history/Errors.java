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

    private Errors() {
    }
}
