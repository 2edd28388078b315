package io.faultline.raftstore.raft;

/**
 * One log entry. A NORMAL entry with empty data is the leader's no-op at the start of a term;
 * a CONF entry carries an encoded {@link Membership} that takes effect as soon as it is appended.
 */
public record Entry(long term, long index, Type type, byte[] data) {
    public enum Type { NORMAL, CONF }

    private static final byte[] EMPTY = new byte[0];

    public static Entry noop(long term, long index) {
        return new Entry(term, index, Type.NORMAL, EMPTY);
    }

    public boolean isNoop() {
        return type == Type.NORMAL && data.length == 0;
    }

    /** Bytes this entry takes in a batch; used to bound message sizes. */
    public int size() {
        return data.length + 24;
    }
}
