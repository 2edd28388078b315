package io.faultline.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import us.bpsm.edn.EdnException;
import us.bpsm.edn.Keyword;
import us.bpsm.edn.Symbol;
import us.bpsm.edn.parser.Parseable;
import us.bpsm.edn.parser.Parser;
import us.bpsm.edn.parser.Parsers;

/**
 * Reads Jepsen {@code history.edn}: one vector {@code [...]} or one list {@code (...)} of op maps
 * (Knossos's own data is written as a list), or one map per line (which is also Porcupine's kv
 * log format). Streams element by element and tracks the line each element
 * starts on, for error messages.
 *
 * <p>Keywords become their names ({@code :write} -> {@code "write"}), vectors and lists become
 * lists, sets become lists, maps become maps with string keys. {@code :process :nemesis} is the
 * nemesis. Missing {@code :index} is assigned in order; missing {@code :time} is the index.
 */
public final class EdnReader {
    private static final Keyword INDEX = Keyword.newKeyword("index");
    private static final Keyword TIME = Keyword.newKeyword("time");
    private static final Keyword PROCESS = Keyword.newKeyword("process");
    private static final Keyword TYPE = Keyword.newKeyword("type");
    private static final Keyword F = Keyword.newKeyword("f");
    private static final Keyword KEY = Keyword.newKeyword("key");
    private static final Keyword VALUE = Keyword.newKeyword("value");
    private static final Keyword NODE = Keyword.newKeyword("node");
    private static final Keyword ERROR = Keyword.newKeyword("error");
    private static final Keyword REVISION = Keyword.newKeyword("revision");
    private static final String SHAPE = "expected an op map such as {:process 0, :type :invoke, :f :read, :value nil}";

    private final Map<String, String> interned = new java.util.HashMap<>();

    private EdnReader() {
    }

    public static History read(Path file) throws IOException, HistoryFormatException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        }
    }

    public static History read(Reader in, String source) throws IOException, HistoryFormatException {
        return new EdnReader().readAll(new LineCounting(in instanceof BufferedReader br ? br : new BufferedReader(in)),
                source);
    }

    private History readAll(LineCounting in, String source) throws IOException, HistoryFormatException {
        Parser parser = Parsers.newParser(Parsers.newParserConfigBuilder().setMapFactory(EdnReader::orderedMap).build());
        History.Builder b = History.builder(source);
        int c = skipBlank(in);
        // A top-level vector or list is read element by element, like the one-map-per-line form.
        int close = c == '[' ? ']' : c == '(' ? ')' : -1;
        boolean vector = close != -1;
        if (!vector && c != Parseable.END_OF_INPUT) in.unread(c);
        while (true) {
            c = skipBlank(in);
            if (c == Parseable.END_OF_INPUT) {
                if (vector) {
                    throw new HistoryFormatException(source, in.line, "unexpected end of file; expected " + (char) close);
                }
                break;
            }
            if (vector && c == close) {
                c = skipBlank(in);
                if (c != Parseable.END_OF_INPUT) {
                    throw new HistoryFormatException(source, in.line, "text after the closing " + (char) close
                            + "; expected end of file");
                }
                break;
            }
            in.unread(c);
            long line = in.line;
            Object v;
            try {
                v = parser.nextValue(in);
            } catch (EdnException e) {
                throw new HistoryFormatException(source, line, "malformed EDN (" + e.getMessage() + "); " + SHAPE, e);
            }
            if (!(v instanceof Map<?, ?> m)) {
                throw new HistoryFormatException(source, line, SHAPE + ", found " + abbreviate(v));
            }
            b.add(toOp(m, b.nextIndex(), source, line), line);
        }
        return b.build();
    }

    private Op toOp(Map<?, ?> m, long nextIndex, String source, long line) throws HistoryFormatException {
        long index = m.containsKey(INDEX) ? integer(m.get(INDEX), "index", source, line) : nextIndex;
        long time = m.containsKey(TIME) ? integer(m.get(TIME), "time", source, line) : index;
        Object p = m.get(PROCESS);
        int process;
        if (p instanceof Keyword k && k.getName().equals("nemesis")) {
            process = Op.NEMESIS;
        } else if (p instanceof Long l && l >= 0 && l <= Integer.MAX_VALUE) {
            process = (int) (long) l;
        } else {
            throw new HistoryFormatException(source, line, p == null ? "missing :process; " + SHAPE
                    : ":process must be a non-negative integer or :nemesis, found " + abbreviate(p));
        }
        Object t = m.get(TYPE);
        if (t == null) throw new HistoryFormatException(source, line, "missing :type; " + SHAPE);
        OpType type = OpType.fromWire(name(t));
        if (type == null) {
            throw new HistoryFormatException(source, line, "unknown :type " + abbreviate(t)
                    + "; expected :invoke, :ok, :fail or :info");
        }
        Object f = m.get(F);
        if (f == null) throw new HistoryFormatException(source, line, "missing :f; " + SHAPE);
        Object key = m.get(KEY);
        Object node = m.get(NODE);
        Object error = m.get(ERROR);
        Long revision = m.get(REVISION) == null ? null : integer(m.get(REVISION), "revision", source, line);
        return new Op(index, time, process, type, intern(name(f)), key == null ? null : intern(name(key)),
                json(m.get(VALUE)), node == null ? null : intern(name(node)),
                error == null ? null : intern(error instanceof Keyword || error instanceof String ? name(error)
                        : String.valueOf(json(error))), revision);
    }

    private static long integer(Object v, String field, String source, long line) throws HistoryFormatException {
        if (v instanceof Long l) return l;
        throw new HistoryFormatException(source, line, ":" + field + " must be an integer, found " + abbreviate(v));
    }

    private static String name(Object v) {
        if (v instanceof Keyword k) return k.getName();
        if (v instanceof Symbol s) return s.getName();
        return String.valueOf(v);
    }

    /** Converts an EDN value to the JSON-shaped values {@link Op} holds. */
    static Object json(Object v) {
        return switch (v) {
            case null -> null;
            case Keyword k -> k.getName();
            case Symbol s -> s.getName();
            case Character ch -> String.valueOf(ch);
            case BigInteger bi -> bi.bitLength() < 64 ? (Object) bi.longValue() : bi;
            case BigDecimal bd -> bd;
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) out.put(name(e.getKey()), json(e.getValue()));
                yield java.util.Collections.unmodifiableMap(out);
            }
            case Collection<?> coll -> {
                List<Object> out = new ArrayList<>(coll.size());
                for (Object o : coll) out.add(json(o));
                yield java.util.Collections.unmodifiableList(out);
            }
            case Long l -> l;
            case Double d -> d;
            case String s -> s;
            case Boolean b -> b;
            default -> String.valueOf(v);
        };
    }

    // Maps keep the order they were written in, so values survive a round trip unchanged.
    private static us.bpsm.edn.parser.CollectionBuilder orderedMap() {
        return new us.bpsm.edn.parser.CollectionBuilder() {
            private final Map<Object, Object> map = new LinkedHashMap<>();
            private Object key;
            private boolean haveKey;

            @Override
            public void add(Object o) {
                if (haveKey) {
                    map.put(key, o);
                    haveKey = false;
                } else {
                    key = o;
                    haveKey = true;
                }
            }

            @Override
            public Object build() {
                return java.util.Collections.unmodifiableMap(map);
            }
        };
    }

    private static int skipBlank(LineCounting in) throws IOException {
        while (true) {
            int c = in.read();
            if (c == ';') {
                while (c != '\n' && c != Parseable.END_OF_INPUT) c = in.read();
                continue;
            }
            if (c == Parseable.END_OF_INPUT || !(Character.isWhitespace(c) || c == ',')) return c;
        }
    }

    private static String abbreviate(Object v) {
        return JsonlReader.abbreviate(String.valueOf(v));
    }

    private String intern(String s) {
        String old = interned.putIfAbsent(s, s);
        return old == null ? s : old;
    }

    /** A Parseable over a reader that knows the line it is on. */
    private static final class LineCounting implements Parseable {
        private final Reader in;
        private final int[] pushback = new int[8];
        private int pushed;
        long line = 1;

        LineCounting(Reader in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int c = pushed > 0 ? pushback[--pushed] : in.read();
            if (c == '\n') line++;
            return c < 0 ? END_OF_INPUT : c;
        }

        @Override
        public void unread(int ch) throws IOException {
            if (ch == END_OF_INPUT) return;
            if (ch == '\n') line--;
            pushback[pushed++] = ch;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
