package io.faultline.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Appends events to a history.jsonl stream, one line each, in the field order of the brief:
 * {@code {"index":0,"time":12345,"process":3,"type":"invoke","f":"write","key":"k1","value":5}}.
 * {@code key}, {@code node}, {@code error} and {@code revision} are omitted when null;
 * {@code value} is always written.
 *
 * <p>{@link #write} is synchronized so that a recorder may call it from several worker threads;
 * lines are never interleaved. Call {@link #flush()} to push buffered lines to the file (the
 * recorder does so after each event or batch, so a crash leaves a checkable history).
 */
public final class JsonlWriter implements HistoryWriter {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final JsonGenerator gen;
    private final Writer out;

    public JsonlWriter(Writer out) {
        this.out = out;
        try {
            this.gen = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Our flush() decides when the underlying stream is flushed, not every generator flush.
        gen.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        gen.enable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        // Lines are separated by our own newline, not Jackson's default space between root values.
        gen.setRootValueSeparator(null);
    }

    public JsonlWriter(OutputStream out) {
        this(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    /** Writes one event as one line. */
    @Override
    public synchronized void write(Op op) throws IOException {
        gen.writeStartObject();
        gen.writeNumberField("index", op.index());
        gen.writeNumberField("time", op.time());
        if (op.isNemesis()) {
            gen.writeStringField("process", "nemesis");
        } else {
            gen.writeNumberField("process", op.process());
        }
        gen.writeStringField("type", op.type().wireName());
        gen.writeStringField("f", op.f());
        if (op.key() != null) gen.writeStringField("key", op.key());
        gen.writeFieldName("value");
        writeValue(gen, op.value());
        if (op.node() != null) gen.writeStringField("node", op.node());
        if (op.error() != null) gen.writeStringField("error", op.error());
        if (op.revision() != null) gen.writeNumberField("revision", op.revision());
        gen.writeEndObject();
        gen.writeRaw('\n');
    }

    /** Writes a JSON-shaped value (null, numbers, strings, booleans, lists, maps). */
    static void writeValue(JsonGenerator gen, Object v) throws IOException {
        switch (v) {
            case null -> gen.writeNull();
            case Long l -> gen.writeNumber(l);
            case Integer i -> gen.writeNumber(i);
            case Short s -> gen.writeNumber(s);
            case Byte b -> gen.writeNumber(b);
            case java.math.BigInteger b -> gen.writeNumber(b);
            case java.math.BigDecimal b -> gen.writeNumber(b);
            case Double d -> gen.writeNumber(d);
            case Float f -> gen.writeNumber(f);
            case String s -> gen.writeString(s);
            case Boolean b -> gen.writeBoolean(b);
            case List<?> list -> {
                gen.writeStartArray();
                for (Object o : list) writeValue(gen, o);
                gen.writeEndArray();
            }
            case Map<?, ?> map -> {
                gen.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    gen.writeFieldName(String.valueOf(e.getKey()));
                    writeValue(gen, e.getValue());
                }
                gen.writeEndObject();
            }
            default -> throw new IllegalArgumentException("not a JSON-shaped value: " + v.getClass().getName()
                    + " " + v);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        gen.flush();
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        gen.close();
    }
}
