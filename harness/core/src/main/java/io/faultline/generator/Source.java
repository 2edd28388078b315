package io.faultline.generator;

import java.util.SplittableRandom;

/** An endless stream of ops from an {@link OpSource}, seeded. */
record Source(OpSource source, Rng rng) implements Generator {
    @Override
    public Step step(Context context) {
        if (context.firstFree() < 0) return Step.pending(this);
        GenOp op = context.place(source.make(new SplittableRandom(rng.value())));
        return new Step.Emit(op, new Source(source, rng.next()));
    }
}
