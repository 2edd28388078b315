package io.faultline.generator;

/**
 * An operation a generator wants invoked: on {@code thread}, not before {@code time}
 * (nanoseconds since the test started). The worker turns it into a history invocation.
 */
public record GenOp(long time, int thread, String f, String key, Object value) {

    /** An op not yet placed on a thread or in time; {@link Context#place} does that. */
    public static GenOp of(String f, String key, Object value) {
        return new GenOp(0, -1, f, key, value);
    }

    public GenOp at(long newTime) {
        return new GenOp(newTime, thread, f, key, value);
    }

    public GenOp on(int newThread) {
        return new GenOp(time, newThread, f, key, value);
    }
}
