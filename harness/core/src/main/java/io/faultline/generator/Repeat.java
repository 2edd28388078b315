package io.faultline.generator;

/**
 * Runs {@code original} to exhaustion, then again from its initial state, {@code remaining} more
 * times (-1: forever). A pass that emits nothing ends the repetition, so an empty generator cannot
 * spin.
 */
record Repeat(Generator original, Generator current, long remaining, boolean emitted) implements Generator {
    @Override
    public Step step(Context context) {
        Generator g = current;
        long left = remaining;
        boolean any = emitted;
        while (true) {
            Step s = g.step(context);
            switch (s) {
                case Step.Emit e -> {
                    return new Step.Emit(e.op(), new Repeat(original, e.next(), left, true));
                }
                case Step.Pending p -> {
                    return new Step.Pending(new Repeat(original, p.next(), left, any), p.wakeAt());
                }
                case Step.Exhausted x -> {
                    if (left == 0 || !any) return Step.EXHAUSTED;
                    g = original;
                    left = left < 0 ? left : left - 1;
                    any = false;
                }
            }
        }
    }

    @Override
    public Generator update(Context context, Event event) {
        Generator g = current.update(context, event);
        return g == current ? this : new Repeat(original, g, remaining, emitted);
    }
}
