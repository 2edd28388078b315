package io.faultline.generator;

/** At most {@code remaining} more ops. */
record Limit(long remaining, Generator gen) implements Generator {
    @Override
    public Step step(Context context) {
        if (remaining <= 0) return Step.EXHAUSTED;
        Step s = gen.step(context);
        return switch (s) {
            case Step.Emit e -> new Step.Emit(e.op(), new Limit(remaining - 1, e.next()));
            case Step.Pending p -> new Step.Pending(new Limit(remaining, p.next()), p.wakeAt());
            case Step.Exhausted x -> x;
        };
    }

    @Override
    public Generator update(Context context, Event event) {
        Generator g = gen.update(context, event);
        return g == gen ? this : new Limit(remaining, g);
    }
}
