package io.faultline.workloads.set;

import io.faultline.generator.Context;
import io.faultline.generator.GenOp;
import io.faultline.generator.Generator;
import io.faultline.generator.Step;

/**
 * Adds 0, 1, 2, ... to the set: every element is unique, so duplicates and losses are visible. With
 * {@code readEvery} n > 0, every n-th op reads the whole set instead, so a loss shows while the
 * cluster still answers, not only in the final read after healing (which a store that never comes
 * back cannot serve).
 */
record SetAdds(String key, long next, int readEvery, long emitted) implements Generator {
    @Override
    public Step step(Context context) {
        boolean read = readEvery > 0 && emitted % readEvery == readEvery - 1;
        GenOp op = context.place(read ? GenOp.of("read", key, null) : GenOp.of("add", key, next));
        return op == null ? Step.pending(this) : new Step.Emit(op, new SetAdds(key, read ? next : next + 1, readEvery, emitted + 1));
    }
}
