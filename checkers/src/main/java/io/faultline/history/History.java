package io.faultline.history;

import java.util.List;

/**
 * A validated history: events in index order. Readers produce it; checkers consume it.
 * Pairing of invocations with completions lives in {@link #operations()}.
 */
public final class History {
    private final List<Op> events;

    private History(List<Op> events) {
        this.events = List.copyOf(events);
    }

    /** Wraps events that are already in index order; validation happens in the readers. */
    public static History of(List<Op> events) {
        return new History(events);
    }

    public List<Op> events() {
        return events;
    }

    public int size() {
        return events.size();
    }
}
