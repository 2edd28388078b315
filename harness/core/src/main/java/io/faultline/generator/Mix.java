package io.faultline.generator;


/** Each op comes from a child picked uniformly at random (seeded); exhausted children drop out. */
record Mix(Generator[] gens, Rng rng) implements Generator {
    @Override
    public Step step(Context context) {
        Generator[] live = gens;
        Rng r = rng;
        while (live.length > 0) {
            int i = r.below(live.length);
            Step s = live[i].step(context);
            switch (s) {
                case Step.Emit e -> {
                    Generator[] copy = live.clone();
                    copy[i] = e.next();
                    return new Step.Emit(e.op(), new Mix(copy, r.next()));
                }
                case Step.Pending p -> {
                    Generator[] copy = live.clone();
                    copy[i] = p.next();
                    return new Step.Pending(new Mix(copy, r), p.wakeAt());
                }
                case Step.Exhausted x -> {
                    Generator[] rest = new Generator[live.length - 1];
                    System.arraycopy(live, 0, rest, 0, i);
                    System.arraycopy(live, i + 1, rest, i, live.length - i - 1);
                    live = rest;
                    r = r.next();
                }
            }
        }
        return Step.EXHAUSTED;
    }

    @Override
    public Generator update(Context context, Event event) {
        Generator[] next = Any.updated(gens, context, event);
        return next == gens ? this : new Mix(next, rng);
    }
}
