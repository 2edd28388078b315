package io.faultline.check.elle;

/**
 * One micro-op of a list-append transaction: {@code ["append", k, v]} or {@code ["r", k, list]}
 * (list null before the read completed, or when the key was absent).
 */
public record MicroOp(boolean isAppend, String key, Object value) {
}
