package io.faultline.generator;

/** What a generator answers when asked for its next op. */
public sealed interface Step {

    /** Invoke {@code op}; if it is taken, the generator continues as {@code next}. */
    record Emit(GenOp op, Generator next) implements Step {
    }

    /**
     * Nothing to invoke now. Ask again after the next event or at {@code wakeAt} (nanoseconds
     * since start), whichever comes first; meanwhile the generator continues as {@code next}.
     */
    record Pending(Generator next, long wakeAt) implements Step {
    }

    /** The generator will never emit again. */
    record Exhausted() implements Step {
    }

    Exhausted EXHAUSTED = new Exhausted();

    static Pending pending(Generator next) {
        return new Pending(next, Long.MAX_VALUE);
    }
}
