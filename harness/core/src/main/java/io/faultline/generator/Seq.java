package io.faultline.generator;

/** Runs generators one after the other, each until it is exhausted (no synchronization). */
record Seq(Generator[] gens, int current) implements Generator {
    @Override
    public Step step(Context context) {
        for (int i = current; i < gens.length; i++) {
            Step s = gens[i].step(context);
            switch (s) {
                case Step.Emit e -> {
                    return new Step.Emit(e.op(), with(i, e.next()));
                }
                case Step.Pending p -> {
                    return new Step.Pending(with(i, p.next()), p.wakeAt());
                }
                case Step.Exhausted x -> {
                    // try the next one at once
                }
            }
        }
        return Step.EXHAUSTED;
    }

    @Override
    public Generator update(Context context, Event event) {
        if (current >= gens.length) return this;
        Generator g = gens[current].update(context, event);
        return g == gens[current] ? this : with(current, g);
    }

    private Seq with(int i, Generator g) {
        Generator[] copy = gens.clone();
        copy[i] = g;
        return new Seq(copy, i);
    }
}
