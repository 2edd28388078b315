package io.faultline.history;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;

/** Writes the events of a history in one file format ({@link JsonlWriter}, {@link EdnWriter}). */
public interface HistoryWriter extends Closeable, Flushable {
    /** Writes one event. */
    void write(Op op) throws IOException;

    /** Writes every event of a history, in order. */
    default void writeAll(History history) throws IOException {
        for (Op op : history.events()) write(op);
    }
}
