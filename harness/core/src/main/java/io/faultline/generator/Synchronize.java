package io.faultline.generator;

/** Waits until every thread in scope is free, then behaves as {@code gen}: the join between phases. */
record Synchronize(Generator gen, boolean synced) implements Generator {
    @Override
    public Step step(Context context) {
        if (!synced && !context.allFree()) return Step.pending(this);
        Step s = gen.step(context);
        return switch (s) {
            case Step.Emit e -> new Step.Emit(e.op(), new Synchronize(e.next(), true));
            case Step.Pending p -> new Step.Pending(new Synchronize(p.next(), true), p.wakeAt());
            case Step.Exhausted x -> x;
        };
    }

    @Override
    public Generator update(Context context, Event event) {
        if (!synced) return this;
        Generator g = gen.update(context, event);
        return g == gen ? this : new Synchronize(g, true);
    }
}
