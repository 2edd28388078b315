package io.faultline.worker;

import io.faultline.generator.GenOp;
import io.faultline.history.OpType;

/** Runs one generated op on one thread, records its invocation and completion, and returns the completion type. */
public interface OpHandler extends AutoCloseable {
    OpType handle(GenOp op);

    @Override
    default void close() {
    }
}
