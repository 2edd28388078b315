package io.faultline.report;

/**
 * A span in which one fault was active: from the completion of its {@code start-X} event until
 * the invocation of {@code stop-X} or {@code heal-all} (or the end of the history).
 *
 * @param fault  the fault's name, e.g. "partition"
 * @param detail what the nemesis said it did (nodes, partition halves), may be empty
 * @param fromNanos start, nanoseconds since the test started
 * @param toNanos   end, nanoseconds since the test started
 * @param startIndex history index of the start event's completion
 */
public record FaultInterval(String fault, String detail, long fromNanos, long toNanos, long startIndex) {
    public boolean contains(long t) {
        return t >= fromNanos && t < toNanos;
    }

    public String label() {
        return detail.isEmpty() ? fault : fault + " " + detail;
    }
}
