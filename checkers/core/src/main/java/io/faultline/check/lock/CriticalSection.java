package io.faultline.check.lock;

import io.faultline.history.Operation;

/**
 * What one process did on the shared resource under one acquisition of the lock: its read and its
 * write (either may be absent), between its acknowledged acquire and its release.
 *
 * @param acquire the acknowledged acquire
 * @param token   the fencing token the acquire returned, or null
 * @param read    the read of the resource, or null
 * @param write   the write of the resource, or null
 * @param release the release, or null when the history ended (or the process crashed) first
 */
record CriticalSection(Operation acquire, Long token, Operation read, Operation write, Operation release) {

    int process() {
        return acquire.process();
    }

    Operation first() {
        return read != null ? read : write;
    }

    /** When the section began touching the resource (invocation of its first resource op). */
    long enter() {
        return first().invokeTime();
    }

    /** When it was done with the resource (completion of its last resource op; never, if that crashed). */
    long leave() {
        Operation last = write != null ? write : read;
        return last.completion() == null || last.isInfo() ? Long.MAX_VALUE : last.completeTime();
    }

    /** The section changed the resource: its write was acknowledged (not refused by fencing). */
    boolean wrote() {
        return write != null && write.isOk();
    }

    boolean fenced() {
        return write != null && write.isFail() && write.error() != null && write.error().startsWith(LockChecker.FENCED);
    }

    Object readValue() {
        return read != null && read.isOk() ? read.value() : null;
    }

    boolean hasRead() {
        return read != null && read.isOk();
    }
}
