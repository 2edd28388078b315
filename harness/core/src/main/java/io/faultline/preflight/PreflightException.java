package io.faultline.preflight;

/** A run's prerequisites are not met and could not be installed; the message names each and its fix. */
public final class PreflightException extends Exception {
    public PreflightException(String message) {
        super(message);
    }
}
