package io.faultline.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Porcupine's Jepsen etcd logs ({@code INFO  jepsen.util - 3	:invoke	:cas	[1 4]}).
 *
 * <p>Keeps Porcupine's meaning: a {@code :fail :cas} observed a different value, so it becomes a
 * failed cas with error {@value Errors#CAS_MISMATCH}; a {@code :fail :read :timed-out} had no
 * effect; {@code :info} means unknown. The logs carry no times, so {@code time} is the line's
 * position.
 */
public final class PorcupineEtcdReader {
    private static final Pattern LINE = Pattern.compile(
            "^INFO\\s+jepsen\\.util\\s+-\\s+(\\d+)\\s+:(invoke|ok|fail|info)\\s+:(read|write|cas)\\s+(.*?)\\s*$");
    private static final Pattern PAIR = Pattern.compile("^\\[(-?\\d+)\\s+(-?\\d+)\\]$");
    private static final Pattern INT = Pattern.compile("^-?\\d+$");
    private static final String EXPECTED = "expected 'INFO  jepsen.util - <process>\\t:<invoke|ok|fail|info>"
            + "\\t:<read|write|cas>\\t<nil|N|[N N]|:timed-out>'";

    private PorcupineEtcdReader() {
    }

    public static History read(Path file) throws IOException, HistoryFormatException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        }
    }

    public static History read(Reader in, String source) throws IOException, HistoryFormatException {
        BufferedReader r = in instanceof BufferedReader br ? br : new BufferedReader(in);
        History.Builder b = History.builder(source);
        String line;
        long lineNo = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) continue;
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new HistoryFormatException(source, lineNo, EXPECTED + ", found " + JsonlReader.abbreviate(line));
            }
            int process;
            try {
                process = Integer.parseInt(m.group(1));
            } catch (NumberFormatException e) {
                throw new HistoryFormatException(source, lineNo, "process " + m.group(1) + " is too large");
            }
            OpType type = OpType.fromWire(m.group(2));
            String f = m.group(3);
            String arg = m.group(4);
            Object value;
            String error = null;
            if (arg.equals(":timed-out")) {
                if (type == OpType.INVOKE || type == OpType.OK) {
                    throw new HistoryFormatException(source, lineNo, "an " + type.wireName()
                            + " cannot carry :timed-out; expected a value");
                }
                error = Errors.TIMED_OUT;
                value = null;
                // Porcupine treats a timed-out read as unknown; a read has no effect either way,
                // so it is recorded as a failed read and its process may invoke again.
            } else {
                value = parseValue(f, type, arg, source, lineNo);
                if (type == OpType.FAIL && f.equals("cas")) error = Errors.CAS_MISMATCH;
            }
            long index = b.nextIndex();
            b.add(new Op(index, index, process, type, f, null, value, null, error), lineNo);
        }
        return b.build();
    }

    private static Object parseValue(String f, OpType type, String arg, String source, long line)
            throws HistoryFormatException {
        switch (f) {
            case "cas" -> {
                Matcher p = PAIR.matcher(arg);
                if (!p.matches()) {
                    throw new HistoryFormatException(source, line, "a cas needs [expected new], found " + arg);
                }
                return List.of(Long.parseLong(p.group(1)), Long.parseLong(p.group(2)));
            }
            case "read" -> {
                if (arg.equals("nil")) return null;
                if (type == OpType.OK && INT.matcher(arg).matches()) return Long.parseLong(arg);
                throw new HistoryFormatException(source, line, "a read " + type.wireName() + " needs "
                        + (type == OpType.OK ? "nil or an integer" : "nil") + ", found " + arg);
            }
            default -> {
                if (INT.matcher(arg).matches()) return Long.parseLong(arg);
                throw new HistoryFormatException(source, line, "a write needs an integer, found " + arg);
            }
        }
    }
}
