package io.faultline.workloads.set;

import io.faultline.generator.Context;
import io.faultline.generator.GenOp;
import io.faultline.generator.Generator;
import io.faultline.generator.Step;

/** Adds 0, 1, 2, ... to the set: every element is unique, so duplicates and losses are visible. */
record SetAdds(String key, long next) implements Generator {
    @Override
    public Step step(Context context) {
        GenOp op = context.place(GenOp.of("add", key, next));
        return op == null ? Step.pending(this) : new Step.Emit(op, new SetAdds(key, next + 1));
    }
}
