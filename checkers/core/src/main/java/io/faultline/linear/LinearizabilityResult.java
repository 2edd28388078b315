package io.faultline.linear;

import io.faultline.check.Verdict;
import java.util.List;

/**
 * The full outcome of a linearizability check.
 *
 * @param verdict        invalid if any partition is; else unknown if any is; else valid
 * @param model          the model's name
 * @param partitions     one report per partition, in the order they first appear
 * @param counterexample the explanation for the first invalid partition found, or null
 * @param elapsedNanos   wall time of the search
 */
public record LinearizabilityResult(Verdict verdict, String model, List<PartitionReport> partitions,
                                    Counterexample counterexample, long elapsedNanos) {
    public LinearizabilityResult {
        partitions = List.copyOf(partitions);
    }
}
