package io.faultline.workloads.lock;

import io.faultline.check.lock.LockChecker;
import java.util.Optional;

/**
 * The resource the lock is meant to protect: one integer register kept by the harness, shared by
 * every client of a run. It is kept here rather than in the store on purpose: any anomaly in its
 * history is then the lock's, never the store's (a store key written without a guard would mix the
 * store's own consistency into the verdict), and a fenced write (refuse a token older than one
 * already seen) is one atomic step, as a fenced storage service does it. Every call is
 * linearizable by construction (one monitor), which the linearizability checker confirms.
 */
final class SharedCounter {
    private final boolean fencing;
    private Long value; // guarded by this; null until the first write
    private long highestToken = Long.MIN_VALUE; // guarded by this

    SharedCounter(boolean fencing) {
        this.fencing = fencing;
    }

    boolean fencing() {
        return fencing;
    }

    synchronized Long read() {
        return value;
    }

    /**
     * Writes {@code next}, unless fencing is on and {@code token} is older than a token seen
     * before: then the refusal, starting with {@value LockChecker#FENCED}.
     */
    synchronized Optional<String> write(Long token, long next) {
        if (fencing) {
            if (token == null) return Optional.of(LockChecker.FENCED + ": the writer presented no token");
            if (token < highestToken) {
                return Optional.of(LockChecker.FENCED + ": token " + token + " is older than token " + highestToken
                        + " the resource has already seen");
            }
            highestToken = token;
        }
        value = next;
        return Optional.empty();
    }
}
