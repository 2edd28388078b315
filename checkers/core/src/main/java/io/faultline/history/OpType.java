package io.faultline.history;

/** The four event types of the brief. */
public enum OpType {
    INVOKE, OK, FAIL, INFO;

    /** The name used in JSON and EDN ({@code invoke}, {@code ok}, ...). */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses a wire name, or returns null when it is not one of the four. */
    public static OpType fromWire(String s) {
        return switch (s) {
            case "invoke" -> INVOKE;
            case "ok" -> OK;
            case "fail" -> FAIL;
            case "info" -> INFO;
            default -> null;
        };
    }

    public boolean isCompletion() {
        return this != INVOKE;
    }
}
