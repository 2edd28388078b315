package io.faultline.generator;

/**
 * Every thread in scope gets its own copy of {@code template}, seeing only itself as a thread.
 * {@code perThread} is null until the first call fixes the scope; a null slot has not started.
 */
record EachThread(Generator template, Generator[] perThread, boolean[] done, int lo) implements Generator {

    @Override
    public Step step(Context context) {
        Generator[] gens = perThread;
        boolean[] fin = done;
        int base = lo;
        if (gens == null) {
            gens = new Generator[context.size()];
            fin = new boolean[context.size()];
            base = context.lo();
        }
        Generator[] next = null;
        boolean[] nextDone = null;
        Step.Emit best = null;
        int bestSlot = -1;
        long wake = Long.MAX_VALUE;
        for (int slot = 0; slot < gens.length; slot++) {
            if (fin[slot]) continue;
            int thread = base + slot;
            if (!context.isFree(thread)) continue;
            Generator g = gens[slot] == null ? template : gens[slot];
            Step s = g.step(context.scope(thread, thread + 1));
            switch (s) {
                case Step.Emit e -> {
                    if (best == null || e.op().time() < best.op().time()) {
                        best = e;
                        bestSlot = slot;
                    }
                }
                case Step.Pending p -> {
                    wake = Math.min(wake, p.wakeAt());
                    if (p.next() != gens[slot]) {
                        if (next == null) next = gens.clone();
                        next[slot] = p.next();
                    }
                }
                case Step.Exhausted x -> {
                    if (nextDone == null) nextDone = fin.clone();
                    nextDone[slot] = true;
                }
            }
        }
        Generator[] g2 = next == null ? gens : next;
        boolean[] d2 = nextDone == null ? fin : nextDone;
        if (best != null) {
            if (g2 == gens) g2 = gens.clone();
            g2[bestSlot] = best.next();
            return new Step.Emit(best.op(), new EachThread(template, g2, d2, base));
        }
        boolean all = true;
        for (boolean b : d2) all &= b;
        if (all) return Step.EXHAUSTED;
        EachThread state = g2 == perThread && d2 == done ? this : new EachThread(template, g2, d2, base);
        return new Step.Pending(state, wake);
    }

    @Override
    public Generator update(Context context, Event event) {
        if (perThread == null) return this;
        int slot = event.thread() - lo;
        if (slot < 0 || slot >= perThread.length || perThread[slot] == null || done[slot]) return this;
        Generator g = perThread[slot].update(context.scope(event.thread(), event.thread() + 1), event);
        if (g == perThread[slot]) return this;
        Generator[] copy = perThread.clone();
        copy[slot] = g;
        return new EachThread(template, copy, done, lo);
    }
}
