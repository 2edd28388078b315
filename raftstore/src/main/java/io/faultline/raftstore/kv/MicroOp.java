package io.faultline.raftstore.kv;

/**
 * One micro-op of a txn: read ("r"), write ("w") or append-to-list ("append"). For a read the
 * value is null in a request; in a result it is the value read: a String, a List of Strings, or null.
 */
public record MicroOp(String f, String key, Object value) {
    public MicroOp {
        if (!f.equals("r") && !f.equals("w") && !f.equals("append")) {
            throw new IllegalArgumentException("unknown micro-op \"" + f + "\" (expected r, w or append)");
        }
    }
}
