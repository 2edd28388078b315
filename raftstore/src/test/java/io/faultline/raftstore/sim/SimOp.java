package io.faultline.raftstore.sim;

/**
 * One client operation of a simulated schedule, invocation and completion in one record.
 *
 * @param f        put, get, cas, append (txn append to a list key) or readlist (txn read)
 * @param arg      put: the value; cas: String[]{expected, new}; append: the value
 * @param outcome  ok, fail (certainly not applied) or info (unknown)
 * @param result   get/readlist: the value read; cas: Boolean succeeded (and current value in {@code read})
 * @param end      completion time, or Long.MAX_VALUE for info
 */
record SimOp(int process, String f, String key, Object arg, long start, long end, String outcome, Object result,
             Object read) {
    boolean ok() {
        return outcome.equals("ok");
    }

    boolean info() {
        return outcome.equals("info");
    }
}
