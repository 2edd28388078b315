package io.faultline.linear.search;

/**
 * What the search decided for one partition.
 *
 * @param status        the decision, or why there is none
 * @param longestPrefix kernel op ids of the longest linearization found, in order
 * @param prefixState   the model state after that prefix
 * @param steps         configurations tried
 * @param cached        configurations remembered
 */
public record SearchOutcome(Status status, int[] longestPrefix, int prefixState, long steps, int cached) {
    public enum Status { LINEARIZABLE, NOT_LINEARIZABLE, TIMED_OUT, CANCELLED, MEMORY_BUDGET }
}
