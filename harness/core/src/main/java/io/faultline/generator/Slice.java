package io.faultline.generator;

/** Runs {@code gen} on threads {@code [from, to)} counted from the start of the enclosing scope. */
record Slice(int from, int to, Generator gen) implements Generator {
    @Override
    public Step step(Context context) {
        Context narrowed = narrow(context);
        if (narrowed.size() == 0) return Step.EXHAUSTED;
        Step s = gen.step(narrowed);
        return switch (s) {
            case Step.Emit e -> new Step.Emit(e.op(), new Slice(from, to, e.next()));
            case Step.Pending p -> new Step.Pending(new Slice(from, to, p.next()), p.wakeAt());
            case Step.Exhausted x -> x;
        };
    }

    @Override
    public Generator update(Context context, Event event) {
        Context narrowed = narrow(context);
        if (!narrowed.inScope(event.thread())) return this;
        Generator g = gen.update(narrowed, event);
        return g == gen ? this : new Slice(from, to, g);
    }

    private Context narrow(Context context) {
        // long arithmetic: "the rest" is expressed as to = Integer.MAX_VALUE
        int a = (int) Math.min(context.hi(), (long) context.lo() + from);
        int b = (int) Math.min(context.hi(), (long) context.lo() + to);
        return context.scope(a, b);
    }
}
