package io.faultline.generator;

import io.faultline.history.OpType;

/** An invocation or completion on a thread, fed back to generators through {@link Generator#update}. */
public record Event(int thread, OpType type, String f) {
}
