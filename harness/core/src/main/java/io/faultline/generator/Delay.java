package io.faultline.generator;

/** Spaces ops exactly {@code periodNanos} apart. {@code nextTime} is -1 until the first op. */
record Delay(long periodNanos, Generator gen, long nextTime) implements Generator {
    @Override
    public Step step(Context context) {
        Step s = gen.step(context);
        return switch (s) {
            case Step.Emit e -> {
                long t = Math.max(e.op().time(), nextTime < 0 ? context.time() : nextTime);
                yield new Step.Emit(e.op().at(t), new Delay(periodNanos, e.next(), t + periodNanos));
            }
            case Step.Pending p -> new Step.Pending(new Delay(periodNanos, p.next(), nextTime), p.wakeAt());
            case Step.Exhausted x -> x;
        };
    }

    @Override
    public Generator update(Context context, Event event) {
        Generator g = gen.update(context, event);
        return g == gen ? this : new Delay(periodNanos, g, nextTime);
    }
}
