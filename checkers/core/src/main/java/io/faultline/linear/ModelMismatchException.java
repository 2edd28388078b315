package io.faultline.linear;

import io.faultline.history.Operation;

/**
 * An operation the chosen model cannot interpret (unknown {@code f}, a cas whose value is not
 * {@code [expected, new]}, ...). Carries the operation so the CLI can name its line.
 */
public final class ModelMismatchException extends IllegalArgumentException {
    private final transient Operation operation;

    public ModelMismatchException(Operation operation, String expected) {
        super(expected);
        this.operation = operation;
    }

    public Operation operation() {
        return operation;
    }
}
