package io.faultline.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** JSON text to and from the JSON-shaped Java values of {@link Op} (integers as Long). */
public final class JsonValues {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonValues() {
    }

    /**
     * Parses one JSON value.
     *
     * @throws IllegalArgumentException with the parser's reason when the text is not one JSON value
     */
    public static Object parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) throw new IllegalArgumentException("empty; expected a JSON value");
            Object v = JsonlReader.readValue(p, t);
            if (p.nextToken() != null) throw new IllegalArgumentException("text after the JSON value");
            return v;
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a JSON-shaped value as indented JSON text. */
    public static String write(Object value, boolean pretty) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            if (pretty) g.setPrettyPrinter(new DefaultPrettyPrinter());
            JsonlWriter.writeValue(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
