package io.faultline.check.elle;

/** A reason one transaction must precede another in every serial order that explains the history. */
public enum Rel {
    /** write-write: T2 appended to a key after T1's append in the key's version order (observed or inferred). */
    WW,
    /** write-read: T2 read T1's append as the last element of a key. */
    WR,
    /** read-write (anti-dependency): T1's read of a key missed T2's append, the next one. */
    RW,
    /** the same process ran T1 before T2 (optional). */
    PROCESS,
    /** T1 completed before T2 was invoked (optional). */
    REALTIME;

    public int bit() {
        return 1 << ordinal();
    }

    public static final int DATA = WW.bit() | WR.bit() | RW.bit();
    public static final int ALL = DATA | PROCESS.bit() | REALTIME.bit();
}
