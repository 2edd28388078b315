package io.faultline.raftstore.net;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;

/** A ByteArrayOutputStream that keeps its array between frames. */
final class ReusableBuffer extends ByteArrayOutputStream {
    private final DataOutputStream data = new DataOutputStream(this);

    ReusableBuffer() {
        super(64 * 1024);
    }

    DataOutputStream data() {
        return data;
    }

    /** Copies the bytes written so far into {@code dst}, which must have room for them. */
    void copyTo(ByteBuffer dst) {
        dst.put(buf, 0, count);
    }
}
