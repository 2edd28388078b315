package io.faultline.linear;

import io.faultline.check.Verdict;

/**
 * How one partition fared.
 *
 * @param partition  the partition key, or null for an unpartitioned check
 * @param operations client operations in the partition
 * @param relevant   operations that constrain the search (failed ops and unknown reads do not)
 * @param verdict    valid, invalid, or unknown (timed out, over budget, or stopped because
 *                   another partition was invalid)
 * @param linearized longest linearizable prefix found
 * @param steps      configurations the search tried
 * @param note       why the verdict is unknown, or null
 * @param segments   independent segments the partition was split into at quiescent points
 * @param method     how it was decided: {@code search}, or {@code recorded order} (validated in the
 *                   store's own order), or the search with why the recorded order was not used
 */
public record PartitionReport(Object partition, int operations, int relevant, Verdict verdict, int linearized,
                              long steps, String note, int segments, String method) {
}
