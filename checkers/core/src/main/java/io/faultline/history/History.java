package io.faultline.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A validated history: events in index order, each client invocation paired with its
 * completion. Readers build one through {@link Builder}, which names the offending line when
 * the events break the format; programmatic callers use {@link #of(List)}.
 *
 * <p>Rules: indexes strictly increase; a client completion needs an outstanding invocation of
 * the same process and the same {@code f}; a process has at most one outstanding invocation.
 * Nemesis events (process {@link Op#NEMESIS}) are kept but never paired: checkers ignore them.
 */
public final class History {
    private final List<Op> events;
    private final int[] partner;       // for each event: position of its pair, or -1
    private final int[] lines;         // source line of each event, or null when built from a list
    private final String source;
    private volatile List<Operation> operations;

    private History(List<Op> events, int[] partner, int[] lines, String source) {
        this.events = Collections.unmodifiableList(events);
        this.partner = partner;
        this.lines = lines;
        this.source = source;
    }

    /**
     * Validates and wraps events that are in index order.
     *
     * @throws IllegalArgumentException naming the event position when the events break a rule
     */
    public static History of(List<Op> events) {
        Builder b = new Builder("events", false);
        try {
            for (int i = 0; i < events.size(); i++) {
                b.add(events.get(i), i + 1L);
            }
        } catch (HistoryFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return b.build();
    }

    /** A builder that records source lines, for readers. */
    public static Builder builder(String source) {
        return new Builder(source, true);
    }

    public List<Op> events() {
        return events;
    }

    public int size() {
        return events.size();
    }

    /** Where the history came from (a file name), or "events". */
    public String source() {
        return source;
    }

    /** The 1-based source line of the event at {@code position}, or 0 when unknown. */
    public long lineOf(int position) {
        return lines == null ? 0 : lines[position];
    }

    /** The source line of the event with history index {@code index}, or 0 when unknown. */
    public long lineOfIndex(long index) {
        int pos = positionOfIndex(index);
        return pos < 0 ? 0 : lineOf(pos);
    }

    private int positionOfIndex(long index) {
        int lo = 0;
        int hi = events.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long v = events.get(mid).index();
            if (v < index) lo = mid + 1;
            else if (v > index) hi = mid - 1;
            else return mid;
        }
        return -1;
    }

    /**
     * Client operations in invocation order, each invocation paired with its completion
     * (absent when the history ended first). Nemesis events are not included.
     */
    public List<Operation> operations() {
        List<Operation> ops = operations;
        if (ops == null) {
            ArrayList<Operation> list = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                Op e = events.get(i);
                if (e.type() == OpType.INVOKE && !e.isNemesis()) {
                    int p = partner[i];
                    list.add(new Operation(list.size(), e, p < 0 ? null : events.get(p)));
                }
            }
            ops = Collections.unmodifiableList(list);
            operations = ops;
        }
        return ops;
    }

    /** Nemesis (fault) events, in order. */
    public List<Op> nemesisEvents() {
        return events.stream().filter(Op::isNemesis).toList();
    }

    /** Builds a history event by event, checking each rule as it goes. */
    public static final class Builder {
        private final String source;
        private final ArrayList<Op> events = new ArrayList<>();
        private int[] partner = new int[64];
        private int[] lines;
        // process -> position of its outstanding invocation; processes are small ints in practice
        private final java.util.HashMap<Integer, Integer> outstanding = new java.util.HashMap<>();
        private long lastIndex = Long.MIN_VALUE;
        private long lastLine;

        private Builder(String source, boolean keepLines) {
            this.source = source;
            this.lines = keepLines ? new int[64] : null;
        }

        /** The index the next event should carry when the source has none (Jepsen logs). */
        public long nextIndex() {
            return lastIndex == Long.MIN_VALUE ? 0 : lastIndex + 1;
        }

        public int size() {
            return events.size();
        }

        /**
         * Appends one event read from {@code line}.
         *
         * @throws HistoryFormatException naming the line when the event breaks a rule
         */
        public Builder add(Op op, long line) throws HistoryFormatException {
            if (op.index() <= lastIndex) {
                throw new HistoryFormatException(source, line, "index " + op.index()
                        + " does not increase (previous event, line " + lastLine + ", has index " + lastIndex
                        + "); expected events in strictly increasing index order");
            }
            int pos = events.size();
            if (pos == partner.length) {
                partner = Arrays.copyOf(partner, pos * 2);
                if (lines != null) lines = Arrays.copyOf(lines, pos * 2);
            }
            partner[pos] = -1;
            if (!op.isNemesis()) {
                if (op.type() == OpType.INVOKE) {
                    Integer open = outstanding.putIfAbsent(op.process(), pos);
                    if (open != null) {
                        throw new HistoryFormatException(source, line, "process " + op.process()
                                + " invokes " + op.f() + " while its invocation of " + events.get(open).f()
                                + " (line " + lineAt(open) + ") is still outstanding;"
                                + " expected a completion (ok/fail/info) first");
                    }
                } else {
                    Integer open = outstanding.remove(op.process());
                    if (open == null) {
                        throw new HistoryFormatException(source, line, op.type().wireName() + " completion of "
                                + op.f() + " by process " + op.process()
                                + " has no outstanding invocation; expected an invoke by that process before it");
                    }
                    Op inv = events.get(open);
                    if (!inv.f().equals(op.f())) {
                        throw new HistoryFormatException(source, line, "completion f \"" + op.f()
                                + "\" does not match the invocation's f \"" + inv.f() + "\" (line " + lineAt(open)
                                + ") of process " + op.process());
                    }
                    partner[open] = pos;
                    partner[pos] = open;
                }
            }
            events.add(op);
            if (lines != null) lines[pos] = (int) Math.min(Integer.MAX_VALUE, line);
            lastIndex = op.index();
            lastLine = line;
            return this;
        }

        private long lineAt(int pos) {
            return lines == null ? pos + 1L : lines[pos];
        }

        public History build() {
            int n = events.size();
            events.trimToSize();
            return new History(events, Arrays.copyOf(partner, n), lines == null ? null : Arrays.copyOf(lines, n),
                    source);
        }
    }
}
