package io.faultline.linear;

import io.faultline.history.Operation;
import java.util.List;

/**
 * Why a partition is not linearizable, in terms a person can follow: the longest order of
 * operations that the model accepts, the state it leaves, and each operation that could come
 * next with the reason it cannot.
 *
 * @param partition     the partition key (null when the history was checked as one)
 * @param model         the model's name
 * @param prefix        the longest linearizable prefix found, in linearization order
 * @param prefixSteps   the model's description of each prefix op (same order)
 * @param stateAfter    the model state after the prefix, in words
 * @param blocked       operations that could be linearized next, none of which leads anywhere
 * @param mustComplete  the operation whose completion bounds the next step (the one that forces
 *                      a choice), or null
 * @param operations    every operation of the partition, in invocation order (for drawing it)
 * @param prefixStates  the model state in words before the prefix, then after each of its ops
 *                      (one more than the prefix)
 */
public record Counterexample(Object partition, String model, List<Operation> prefix, List<String> prefixSteps,
                             String stateAfter, List<Blocked> blocked, Operation mustComplete,
                             List<Operation> operations, List<String> prefixStates) {

    public Counterexample {
        operations = List.copyOf(operations);
        prefixStates = List.copyOf(prefixStates);
        prefix = List.copyOf(prefix);
        prefixSteps = List.copyOf(prefixSteps);
        blocked = List.copyOf(blocked);
    }

    /**
     * @param operation   the operation
     * @param description the model's description of it ({@code read -> 3})
     * @param reason      why it cannot come next
     * @param allowed     true when the model accepts it here but every continuation fails
     */
    public record Blocked(Operation operation, String description, String reason, boolean allowed) {
    }
}
