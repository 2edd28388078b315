package io.faultline.generator;

/** Emits nothing. */
enum Empty implements Generator {
    INSTANCE;

    @Override
    public Step step(Context context) {
        return Step.EXHAUSTED;
    }
}
