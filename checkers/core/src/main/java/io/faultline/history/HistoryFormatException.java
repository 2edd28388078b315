package io.faultline.history;

/**
 * A history file (or event list) that breaks the format: the message reads
 * {@code file:line: what was expected}, which is what {@code faultline check} prints before
 * exiting 3.
 */
public final class HistoryFormatException extends Exception {
    private final String source;
    private final long line;
    private final String problem;

    /**
     * @param source  file name (or another label such as "events"); may be null
     * @param line    1-based line number, or 0 when the problem is not tied to one line
     * @param problem what was wrong and what was expected
     */
    public HistoryFormatException(String source, long line, String problem) {
        super(format(source, line, problem));
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    public HistoryFormatException(String source, long line, String problem, Throwable cause) {
        super(format(source, line, problem), cause);
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    private static String format(String source, long line, String problem) {
        String where = source == null ? "history" : source;
        return line > 0 ? where + ":" + line + ": " + problem : where + ": " + problem;
    }

    public String source() {
        return source;
    }

    public long line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
