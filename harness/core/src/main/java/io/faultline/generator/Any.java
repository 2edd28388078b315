package io.faultline.generator;

/**
 * Asks every child and takes the op due soonest (ties go to the earlier child); exhausted when all
 * children are. Events go to every child: each one ignores threads outside its scope.
 */
record Any(Generator[] gens) implements Generator {
    @Override
    public Step step(Context context) {
        Generator[] next = null;
        int best = -1;
        Step.Emit bestEmit = null;
        long wake = Long.MAX_VALUE;
        int live = 0;
        for (int i = 0; i < gens.length; i++) {
            Step s = gens[i].step(context);
            switch (s) {
                case Step.Emit e -> {
                    live++;
                    if (bestEmit == null || e.op().time() < bestEmit.op().time()) {
                        bestEmit = e;
                        best = i;
                    }
                }
                case Step.Pending p -> {
                    live++;
                    wake = Math.min(wake, p.wakeAt());
                    if (p.next() != gens[i]) {
                        if (next == null) next = gens.clone();
                        next[i] = p.next();
                    }
                }
                case Step.Exhausted x -> {
                    if (next == null) next = gens.clone();
                    next[i] = Empty.INSTANCE;
                }
            }
        }
        if (live == 0) return Step.EXHAUSTED;
        if (bestEmit != null) {
            if (next == null) next = gens.clone();
            next[best] = bestEmit.next();
            return new Step.Emit(bestEmit.op(), new Any(next));
        }
        return new Step.Pending(next == null ? this : new Any(next), wake);
    }

    @Override
    public Generator update(Context context, Event event) {
        Generator[] next = updated(gens, context, event);
        return next == gens ? this : new Any(next);
    }

    /** Every generator of {@code gens} updated; {@code gens} itself when none changed, so callers keep their state. */
    static Generator[] updated(Generator[] gens, Context context, Event event) {
        Generator[] next = gens;
        for (int i = 0; i < gens.length; i++) {
            Generator g = gens[i].update(context, event);
            if (g != gens[i]) {
                if (next == gens) next = gens.clone();
                next[i] = g;
            }
        }
        return next;
    }
}
