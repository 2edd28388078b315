package io.faultline.raftstore.net;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;

/** A ByteArrayOutputStream that keeps its array between frames. */
final class ReusableBuffer extends ByteArrayOutputStream {
    private final DataOutputStream data = new DataOutputStream(this);

    ReusableBuffer() {
        super(64 * 1024);
    }

    DataOutputStream data() {
        return data;
    }
}
