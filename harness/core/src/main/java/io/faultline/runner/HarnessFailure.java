package io.faultline.runner;

/** The harness itself could not run the test (exit code 3): bad options, missing environment, store that would not start. */
public final class HarnessFailure extends Exception {

    public HarnessFailure(String message) {
        super(message);
    }

    public HarnessFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
