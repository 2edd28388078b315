package io.faultline.generator;

/**
 * Spaces ops by a random interval, uniform in [0, 2 * period], so the mean rate is one op per
 * period in total across all threads (Jepsen's stagger). {@code nextTime} is -1 until the first op.
 */
record Rate(long periodNanos, Generator gen, long nextTime, Rng rng) implements Generator {
    @Override
    public Step step(Context context) {
        Step s = gen.step(context);
        return switch (s) {
            case Step.Emit e -> {
                long t = Math.max(e.op().time(), nextTime < 0 ? context.time() : nextTime);
                long gap = (long) (rng.unit() * 2 * periodNanos);
                yield new Step.Emit(e.op().at(t), new Rate(periodNanos, e.next(), t + gap, rng.next()));
            }
            case Step.Pending p -> new Step.Pending(new Rate(periodNanos, p.next(), nextTime, rng), p.wakeAt());
            case Step.Exhausted x -> x;
        };
    }

    @Override
    public Generator update(Context context, Event event) {
        Generator g = gen.update(context, event);
        return g == gen ? this : new Rate(periodNanos, g, nextTime, rng);
    }
}
