package io.faultline.workloads;

import io.faultline.generator.Context;
import io.faultline.generator.GenOp;
import io.faultline.generator.Generator;
import io.faultline.generator.KeyPool;
import io.faultline.generator.Rng;
import io.faultline.generator.Step;

/**
 * One op per step on a random active key of a {@link KeyPool} (Jepsen's independent keys): each
 * step picks one of the active keys, lets the {@link Chooser} decide the op on it, and counts the
 * op against the key, which the pool retires for a fresh one after its ops per key. Workloads over
 * independent keys differ only in their chooser.
 *
 * @param prefix key ids become keys {@code prefix + id}
 */
public record KeyedOps(Rng rng, KeyPool pool, String prefix, Chooser chooser) implements Generator {

    /** Decides the op on one key. */
    public interface Chooser {
        /** The op on {@code key}, its random choices drawn from {@code rng}. */
        Choice choose(Rng rng, String key);
    }

    /**
     * @param next the chooser of the following op (a chooser that counts values returns its successor)
     * @param rng  the rng after the choices made
     */
    public record Choice(GenOp template, Chooser next, Rng rng) {
    }

    public static KeyedOps start(Rng rng, int activeKeys, int opsPerKey, String prefix, Chooser chooser) {
        return new KeyedOps(rng, KeyPool.of(activeKeys, opsPerKey), prefix, chooser);
    }

    @Override
    public Step step(Context context) {
        if (context.firstFree() < 0) return Step.pending(this);
        int slot = rng.below(pool.size());
        Choice c = chooser.choose(rng.next(), prefix + pool.key(slot));
        return new Step.Emit(context.place(c.template()), new KeyedOps(c.rng(), pool.used(slot), prefix, c.next()));
    }
}
