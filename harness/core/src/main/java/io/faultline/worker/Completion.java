package io.faultline.worker;

import io.faultline.history.OpType;

/** A worker's report to the interpreter: the thread is free again. {@code failure} ends the run. */
record Completion(int thread, OpType type, String f, Throwable failure) {
}
