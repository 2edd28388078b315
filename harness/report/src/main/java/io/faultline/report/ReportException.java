package io.faultline.report;

/** A run folder that cannot be reported on; the message names the file and what was expected. */
public final class ReportException extends Exception {
    public ReportException(String message) {
        super(message);
    }
}
