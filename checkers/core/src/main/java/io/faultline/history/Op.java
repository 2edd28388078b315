package io.faultline.history;

import java.util.Objects;

/**
 * One event of a history: an invocation or a completion, exactly one line of history.jsonl.
 *
 * <p>Values are plain JSON-shaped Java values so that every reader and writer agrees on them:
 * {@code null}, {@link Long}, {@link String}, {@link Boolean}, {@code List<Object>} and
 * {@code Map<String, Object>}. A cas carries {@code [expected, new]}; a txn carries a list of
 * micro-ops such as {@code ["append", "x", 3]}.
 *
 * @param index   dense position in the history, starting at 0
 * @param time    nanoseconds since the test started
 * @param process the client process, or {@link #NEMESIS} for fault events
 * @param key     the key, or null for single-register histories
 * @param node    the node the op was sent to, or null
 * @param error   why an op failed or is indeterminate, or null
 * @param revision on a completion, the store's own order for the op (etcd revision, ZooKeeper
 *                 zxid, raftstore log index), or null; see {@code KnownOrder} for its meaning
 */
public record Op(long index, long time, int process, OpType type, String f, String key, Object value,
                 String node, String error, Long revision) {

    /** The process number that stands for the nemesis ({@code "nemesis"} in JSON). */
    public static final int NEMESIS = -1;

    public Op {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(f, "f");
    }

    /** An event without a revision. */
    public Op(long index, long time, int process, OpType type, String f, String key, Object value, String node,
              String error) {
        this(index, time, process, type, f, key, value, node, error, null);
    }

    /**
     * An invocation by {@code process} at {@code index} (time = index; see {@link #withTime},
     * {@link #withKey}), e.g. {@code Op.invoke(0, 1, "write", 5L)}.
     */
    public static Op invoke(long index, int process, String f, Object value) {
        return new Op(index, index, process, OpType.INVOKE, f, null, value, null, null, null);
    }

    /** A successful completion: for a read, {@code value} is what it read. */
    public static Op ok(long index, int process, String f, Object value) {
        return new Op(index, index, process, OpType.OK, f, null, value, null, null, null);
    }

    /** A completion that certainly did not take effect. */
    public static Op fail(long index, int process, String f, Object value) {
        return new Op(index, index, process, OpType.FAIL, f, null, value, null, null, null);
    }

    /** A completion whose outcome is unknown (timeout, crash): it may or may not have taken effect. */
    public static Op info(long index, int process, String f, Object value) {
        return new Op(index, index, process, OpType.INFO, f, null, value, null, null, null);
    }

    /** The same event on {@code newKey}. */
    public Op withKey(String newKey) {
        return new Op(index, time, process, type, f, newKey, value, node, error, revision);
    }

    /** The same event at {@code newTime} nanoseconds since the test started. */
    public Op withTime(long newTime) {
        return new Op(index, newTime, process, type, f, key, value, node, error, revision);
    }

    /** The same event with an error (why it failed or is unknown). */
    public Op withError(String newError) {
        return new Op(index, time, process, type, f, key, value, node, newError, revision);
    }

    /** The same event carrying the store's order for it. */
    public Op withRevision(Long newRevision) {
        return new Op(index, time, process, type, f, key, value, node, error, newRevision);
    }

    public boolean isNemesis() {
        return process == NEMESIS;
    }

    public Op withIndex(long newIndex) {
        return new Op(newIndex, time, process, type, f, key, value, node, error, revision);
    }

    public Op withType(OpType newType) {
        return new Op(index, time, process, newType, f, key, value, node, error, revision);
    }

    public Op withValue(Object newValue) {
        return new Op(index, time, process, type, f, key, newValue, node, error, revision);
    }
}
