package io.faultline.linear;

import io.faultline.history.Operation;
import java.util.List;
import java.util.Set;

/**
 * A sequential specification that a history is checked against: a small pure object.
 *
 * <p>The search never sees model objects directly: {@link #compile} turns the operations of one
 * partition into a {@link Kernel} whose states are ints, so that the hot loop of the search
 * works on primitives. Models whose state is one value use the value's id as the state; models
 * with compound state intern their states and memoize transitions.
 */
public interface Model {
    /** The name used by {@code --model}. */
    String name();

    /** One line for help texts and reports. */
    String description();

    /** The {@code f} names this model understands; used to infer the model from a history. */
    Set<String> functions();

    /**
     * The partition an operation belongs to, or null when the model checks the history as one.
     * Operations of different partitions are independent (P-compositionality).
     */
    default Object partitionKey(Operation op) {
        return null;
    }

    /**
     * Splits operations into independent partitions, each in invocation order. The default groups
     * by {@link #partitionKey}; a model whose operations span keys (transactions) may group
     * connected keys instead.
     */
    default java.util.Map<Object, List<Operation>> partition(List<Operation> ops) {
        java.util.Map<Object, List<Operation>> parts = new java.util.LinkedHashMap<>();
        for (Operation op : ops) parts.computeIfAbsent(partitionKey(op), k -> new java.util.ArrayList<>()).add(op);
        return parts;
    }

    /**
     * Compiles the operations of one partition, in invocation order.
     *
     * @param partition the partition key (null for an unpartitioned check)
     * @param initial   the initial state from {@code --initial} (JSON-shaped), or null for absent
     * @throws ModelMismatchException when an operation is not one this model can interpret
     */
    Kernel compile(List<Operation> ops, Object partition, Object initial);
}
