package io.faultline.generator;

/** Emits one op on the first free thread, then is exhausted. */
record Once(GenOp template) implements Generator {
    @Override
    public Step step(Context context) {
        GenOp op = context.place(template);
        return op == null ? Step.pending(this) : new Step.Emit(op, Empty.INSTANCE);
    }
}
