package io.faultline.check.election;

import io.faultline.history.Operation;

/**
 * The real-time interval in which one process certainly held a lock or leadership: from the
 * completion of its acknowledged acquire to the latest moment it still acted as holder (the
 * invocation of its release, of its last acknowledged hold, or of its lease-loss record).
 *
 * @param acquire the acknowledged acquire
 * @param last    the op that ends the window (release, hold or lease-loss), or the acquire itself
 * @param token   the fencing token the acquire returned, or null
 */
record HoldWindow(Operation acquire, Operation last, Long token, long start, long end) {

    int process() {
        return acquire.process();
    }

    String node() {
        return acquire.invocation().node();
    }
}
