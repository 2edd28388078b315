package io.faultline.check;

import io.faultline.history.History;
import io.faultline.history.Operation;

/**
 * A history a checker cannot judge: the wrong kind of operations (a set check on a register
 * history) or a value of the wrong shape. The message names the source, line and op and says
 * what the checker expected, so the CLI can print it and exit 3.
 */
public final class UnsuitableHistoryException extends IllegalArgumentException {
    public UnsuitableHistoryException(String message) {
        super(message);
    }

    /** An error about one operation, located by the line of its invocation. */
    public static UnsuitableHistoryException at(String checker, History history, Operation op, String problem) {
        long line = history.lineOfIndex(op.invokeIndex());
        String where = history.source() + (line > 0 ? ":" + line : "") + " (op index " + op.invokeIndex() + ")";
        return new UnsuitableHistoryException(checker + " checker: " + where + ": " + problem);
    }
}
