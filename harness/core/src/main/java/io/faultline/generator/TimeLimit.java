package io.faultline.generator;

/**
 * Emits only ops due before {@code durationNanos} after the first time it is asked; the deadline
 * is -1 until then.
 */
record TimeLimit(long durationNanos, long deadline, Generator gen) implements Generator {
    @Override
    public Step step(Context context) {
        long end = deadline < 0 ? context.time() + durationNanos : deadline;
        if (context.time() >= end) return Step.EXHAUSTED;
        Step s = gen.step(context);
        return switch (s) {
            case Step.Emit e -> e.op().time() >= end
                    ? Step.EXHAUSTED
                    : new Step.Emit(e.op(), new TimeLimit(durationNanos, end, e.next()));
            case Step.Pending p -> new Step.Pending(new TimeLimit(durationNanos, end, p.next()), Math.min(end, p.wakeAt()));
            case Step.Exhausted x -> x;
        };
    }

    @Override
    public Generator update(Context context, Event event) {
        Generator g = gen.update(context, event);
        return g == gen ? this : new TimeLimit(durationNanos, deadline, g);
    }
}
