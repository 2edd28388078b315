package io.faultline.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads faultline's history.jsonl, one event per line, streaming: only the events themselves
 * are kept (with repeated strings such as {@code f}, keys and nodes shared), so a
 * 1,000,000-operation history fits in a few hundred MiB of heap. Blank lines are skipped;
 * unknown fields are ignored so newer writers stay readable.
 */
public final class JsonlReader {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final Map<String, String> interned = new java.util.HashMap<>();

    private JsonlReader() {
    }

    public static History read(Path file) throws IOException, HistoryFormatException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        }
    }

    public static History read(Reader in, String source) throws IOException, HistoryFormatException {
        return new JsonlReader().readAll(in instanceof BufferedReader br ? br : new BufferedReader(in), source);
    }

    // One parser streams the whole file (a parser per line costs more than the parsing); the
    // line rules of JSONL are enforced from token locations.
    private History readAll(BufferedReader in, String source) throws IOException, HistoryFormatException {
        History.Builder b = History.builder(source);
        long lastLine = 0;
        try (JsonParser p = FACTORY.createParser(in)) {
            JsonToken t;
            while (true) {
                try {
                    t = p.nextToken();
                } catch (JsonParseException e) {
                    throw malformed(source, e);
                }
                if (t == null) break;
                long line = p.currentTokenLocation().getLineNr();
                if (line == lastLine) {
                    throw new HistoryFormatException(source, line,
                            "text after the JSON object; expected exactly one object per line");
                }
                if (t != JsonToken.START_OBJECT) {
                    throw new HistoryFormatException(source, line, "expected one JSON object per line, found "
                            + p.getText());
                }
                Op op;
                try {
                    op = parseObject(p, source, line);
                } catch (JsonParseException e) {
                    // Events are single lines, so a syntax error inside one belongs to its line.
                    throw new HistoryFormatException(source, line, "malformed JSON (" + reason(e)
                            + "); expected one JSON object per line", e);
                }
                long end = p.currentLocation().getLineNr();
                if (end != line) {
                    throw new HistoryFormatException(source, line, "the event spans lines " + line + ".." + end
                            + "; expected one JSON object per line");
                }
                b.add(op, line);
                lastLine = line;
            }
        }
        return b.build();
    }

    // Jackson appends where an object started; the line is already in our message.
    private static String reason(JsonParseException e) {
        String m = e.getOriginalMessage();
        int cut = m.indexOf(" (start marker at");
        m = cut < 0 ? m : m.substring(0, cut);
        cut = m.indexOf('\n');
        return cut < 0 ? m : m.substring(0, cut);
    }

    private static HistoryFormatException malformed(String source, JsonParseException e) {
        long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        return new HistoryFormatException(source, line, "malformed JSON (" + reason(e)
                + "); expected one JSON object per line", e);
    }

    private Op parseObject(JsonParser p, String source, long lineNo) throws IOException, HistoryFormatException {
        Long index = null;
        Long time = null;
        Integer process = null;
        OpType type = null;
        String f = null;
        String key = null;
        Object value = null;
        String node = null;
        String error = null;
        Long revision = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken vt = p.nextToken();
            switch (field) {
                case "index" -> index = integer(p, vt, source, lineNo, field);
                case "time" -> time = integer(p, vt, source, lineNo, field);
                case "process" -> {
                    if (vt == JsonToken.VALUE_STRING && "nemesis".equals(p.getText())) {
                        process = Op.NEMESIS;
                    } else if (vt == JsonToken.VALUE_NUMBER_INT && p.getLongValue() >= 0
                            && p.getLongValue() <= Integer.MAX_VALUE) {
                        process = (int) p.getLongValue();
                    } else {
                        throw new HistoryFormatException(source, lineNo,
                                "\"process\" must be a non-negative integer or \"nemesis\", found " + p.getText());
                    }
                }
                case "type" -> {
                    String s = string(p, vt, source, lineNo, field);
                    type = OpType.fromWire(s);
                    if (type == null) {
                        throw new HistoryFormatException(source, lineNo, "unknown type \"" + s
                                + "\"; expected invoke, ok, fail or info");
                    }
                }
                case "f" -> f = intern(string(p, vt, source, lineNo, field));
                case "key" -> key = vt == JsonToken.VALUE_NULL ? null : intern(keyString(p, vt, source, lineNo));
                case "value" -> value = readValue(p, vt);
                case "node" -> node = vt == JsonToken.VALUE_NULL ? null : intern(string(p, vt, source, lineNo, field));
                case "error" -> error = vt == JsonToken.VALUE_NULL ? null : intern(errorString(p, vt));
                case "revision" -> revision = vt == JsonToken.VALUE_NULL ? null : integer(p, vt, source, lineNo, field);
                default -> p.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new HistoryFormatException(source, lineNo, "malformed JSON object; expected one object per line");
        }
        if (index == null) throw missing(source, lineNo, "index");
        if (time == null) throw missing(source, lineNo, "time");
        if (process == null) throw missing(source, lineNo, "process");
        if (type == null) throw missing(source, lineNo, "type");
        if (f == null) throw missing(source, lineNo, "f");
        return new Op(index, time, process, type, f, key, value, node, error, revision);
    }

    private static HistoryFormatException missing(String source, long line, String field) {
        return new HistoryFormatException(source, line, "missing field \"" + field
                + "\"; expected {\"index\":N,\"time\":N,\"process\":N,\"type\":\"invoke|ok|fail|info\",\"f\":\"...\",...}");
    }

    private static long integer(JsonParser p, JsonToken t, String source, long line, String field)
            throws IOException, HistoryFormatException {
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw new HistoryFormatException(source, line, "\"" + field + "\" must be an integer, found " + p.getText());
        }
        return p.getLongValue();
    }

    private static String string(JsonParser p, JsonToken t, String source, long line, String field)
            throws IOException, HistoryFormatException {
        if (t != JsonToken.VALUE_STRING) {
            throw new HistoryFormatException(source, line, "\"" + field + "\" must be a string, found " + p.getText());
        }
        return p.getText();
    }

    // Keys are strings in the brief; integer keys from other tools are accepted as their decimal text.
    private static String keyString(JsonParser p, JsonToken t, String source, long line)
            throws IOException, HistoryFormatException {
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) return p.getText();
        throw new HistoryFormatException(source, line, "\"key\" must be a string, found " + p.getText());
    }

    private static String errorString(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) return p.getText();
        // A structured error is kept as its JSON text rather than rejected.
        Object v = readValue(p, t);
        return String.valueOf(v);
    }

    /** Reads a JSON value as the JSON-shaped Java value {@link Op} documents. */
    static Object readValue(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? p.getBigIntegerValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken x;
                while ((x = p.nextToken()) != JsonToken.END_ARRAY) list.add(readValue(p, x));
                yield nullSafe(list);
            }
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    map.put(k, readValue(p, p.nextToken()));
                }
                yield java.util.Collections.unmodifiableMap(map);
            }
            default -> throw new JsonParseException(p, "unexpected token " + t);
        };
    }

    // List.copyOf rejects nulls, and reads legitimately return null inside lists ([r, x, null]).
    private static List<Object> nullSafe(List<Object> list) {
        return list.contains(null) ? java.util.Collections.unmodifiableList(list) : List.copyOf(list);
    }

    private String intern(String s) {
        String old = interned.putIfAbsent(s, s);
        return old == null ? s : old;
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
