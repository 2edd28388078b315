package io.faultline.workloads.session;

import io.faultline.generator.Context;
import io.faultline.generator.GenOp;
import io.faultline.generator.Generator;
import io.faultline.generator.KeyPool;
import io.faultline.generator.Rng;
import io.faultline.generator.Step;

/**
 * Reads and writes over a sliding window of shared keys. Every write carries a value never written
 * before (a run-wide counter), so each read names exactly one write and the session checkers can
 * order versions by the real time of writes. A key is retired after {@code opsPerKey} ops so each
 * key's linearizability search stays small.
 */
record SessionOps(Rng rng, KeyPool pool, long nextValue, int readShare) implements Generator {

    static SessionOps start(Rng rng, int activeKeys, int opsPerKey, int readPercent) {
        return new SessionOps(rng, KeyPool.of(activeKeys, opsPerKey), 1, readPercent);
    }

    static String keyName(int id) {
        return "s" + id;
    }

    @Override
    public Step step(Context context) {
        if (context.firstFree() < 0) return Step.pending(this);
        Rng r = rng;
        int slot = r.below(pool.size());
        r = r.next();
        boolean read = r.below(100) < readShare;
        r = r.next();
        String key = keyName(pool.key(slot));
        GenOp template = read ? GenOp.of("read", key, null) : GenOp.of("write", key, nextValue);
        return new Step.Emit(context.place(template),
                new SessionOps(r, pool.used(slot), read ? nextValue : nextValue + 1, readShare));
    }
}
