package io.faultline.generator;

import io.faultline.history.OpType;
import java.util.Arrays;

/**
 * Emits {@code gen}'s ops until one of them completes {@code ok}; then waits for nothing more.
 * {@code inFlight} holds the threads running one of its ops (sorted), so completions of other
 * generators' ops do not count.
 */
record UntilOk(Generator gen, int[] inFlight, boolean done) implements Generator {
    @Override
    public Step step(Context context) {
        if (done) return Step.EXHAUSTED;
        Step s = gen.step(context);
        return switch (s) {
            case Step.Emit e -> new Step.Emit(e.op(), new UntilOk(e.next(), add(inFlight, e.op().thread()), false));
            case Step.Pending p -> new Step.Pending(new UntilOk(p.next(), inFlight, false), p.wakeAt());
            // gen ran dry without an ok: pending while ops are in flight, since one may still succeed
            case Step.Exhausted x -> inFlight.length == 0 ? x : Step.pending(this);
        };
    }

    @Override
    public Generator update(Context context, Event event) {
        if (done || event.type() == OpType.INVOKE) return this;
        int i = Arrays.binarySearch(inFlight, event.thread());
        if (i < 0) return this;
        if (event.type() == OpType.OK) return new UntilOk(Generators.empty(), new int[0], true);
        int[] rest = new int[inFlight.length - 1];
        System.arraycopy(inFlight, 0, rest, 0, i);
        System.arraycopy(inFlight, i + 1, rest, i, inFlight.length - i - 1);
        return new UntilOk(gen.update(context, event), rest, false);
    }

    private static int[] add(int[] set, int thread) {
        int i = Arrays.binarySearch(set, thread);
        if (i >= 0) return set;
        int at = -i - 1;
        int[] out = new int[set.length + 1];
        System.arraycopy(set, 0, out, 0, at);
        out[at] = thread;
        System.arraycopy(set, at, out, at + 1, set.length - at);
        return out;
    }
}
