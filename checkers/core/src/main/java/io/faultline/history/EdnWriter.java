package io.faultline.history;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a history as Jepsen EDN, one op map per line:
 * {@code {:index 0, :time 12345, :process 3, :type :invoke, :f :write, :key "k1", :value 5}}.
 * {@code :type} and {@code :f} are keywords, the nemesis is {@code :nemesis}, and the name of
 * each txn micro-op is a keyword ({@code [:append "x" 3]}), as Jepsen writes them.
 */
public final class EdnWriter implements HistoryWriter {
    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z*+!_?<>=-][A-Za-z0-9*+!_?<>=.-]*");

    private final Writer out;

    public EdnWriter(Writer out) {
        this.out = out;
    }

    @Override
    public synchronized void write(Op op) throws IOException {
        StringBuilder sb = new StringBuilder(96);
        sb.append("{:index ").append(op.index()).append(", :time ").append(op.time()).append(", :process ");
        if (op.isNemesis()) sb.append(":nemesis");
        else sb.append(op.process());
        sb.append(", :type :").append(op.type().wireName()).append(", :f ");
        keywordOrString(sb, op.f());
        if (op.key() != null) {
            sb.append(", :key ");
            string(sb, op.key());
        }
        sb.append(", :value ");
        if (op.f().equals("txn") && op.value() instanceof List<?> micro) {
            sb.append('[');
            boolean first = true;
            for (Object mo : micro) {
                if (!first) sb.append(' ');
                first = false;
                if (mo instanceof List<?> t && !t.isEmpty() && t.get(0) instanceof String name) {
                    sb.append('[');
                    keywordOrString(sb, name);
                    for (int i = 1; i < t.size(); i++) value(sb.append(' '), t.get(i));
                    sb.append(']');
                } else {
                    value(sb, mo);
                }
            }
            sb.append(']');
        } else {
            value(sb, op.value());
        }
        if (op.node() != null) string(sb.append(", :node "), op.node());
        if (op.error() != null) string(sb.append(", :error "), op.error());
        if (op.revision() != null) sb.append(", :revision ").append(op.revision());
        sb.append("}\n");
        out.write(sb.toString());
    }

    private static void keywordOrString(StringBuilder sb, String s) {
        if (KEYWORD.matcher(s).matches()) sb.append(':').append(s);
        else string(sb, s);
    }

    static void value(StringBuilder sb, Object v) {
        switch (v) {
            case null -> sb.append("nil");
            case String s -> string(sb, s);
            case Boolean b -> sb.append(b);
            case Double d -> sb.append(d.isNaN() || d.isInfinite() ? "nil" : d.toString());
            case java.math.BigInteger bi -> sb.append(bi).append('N');
            case java.math.BigDecimal bd -> sb.append(bd.toPlainString()).append('M');
            case Number n -> sb.append(n.longValue());
            case List<?> l -> {
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) sb.append(' ');
                    value(sb, l.get(i));
                }
                sb.append(']');
            }
            case Map<?, ?> m -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) sb.append(", ");
                    first = false;
                    string(sb, String.valueOf(e.getKey()));
                    value(sb.append(' '), e.getValue());
                }
                sb.append('}');
            }
            default -> string(sb, v.toString());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        sb.append('"');
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
