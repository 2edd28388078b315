package io.faultline.generator;

/**
 * A pure, seeded description of which operations to invoke and when (Jepsen's generator).
 * Implementations are immutable: {@link #step} and {@link #update} return the generator's next
 * state and never change this one, so the same seed and the same sequence of contexts always
 * give the same ops. Compose them with {@link Generators}.
 */
public interface Generator {

    /** The next op for a free thread in {@code context}, or pending, or exhausted. */
    Step step(Context context);

    /** Sees an invocation or completion on a thread in this generator's scope. */
    default Generator update(Context context, Event event) {
        return this;
    }
}
