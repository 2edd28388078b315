package io.faultline.generator;

/** Sends {@code gen}'s ops to the client threads only, or to the nemesis thread only. */
record Route(boolean nemesis, Generator gen) implements Generator {
    @Override
    public Step step(Context context) {
        Context narrowed = nemesis ? context.nemesisScope() : context.clientScope();
        if (narrowed.size() == 0) return Step.EXHAUSTED;
        Step s = gen.step(narrowed);
        return switch (s) {
            case Step.Emit e -> new Step.Emit(e.op(), new Route(nemesis, e.next()));
            case Step.Pending p -> new Step.Pending(new Route(nemesis, p.next()), p.wakeAt());
            case Step.Exhausted x -> x;
        };
    }

    @Override
    public Generator update(Context context, Event event) {
        Context narrowed = nemesis ? context.nemesisScope() : context.clientScope();
        if (!narrowed.inScope(event.thread())) return this;
        Generator g = gen.update(narrowed, event);
        return g == gen ? this : new Route(nemesis, g);
    }
}
