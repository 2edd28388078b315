package io.faultline.generator;

/** Emits nothing for {@code durationNanos} after it is first asked, then is exhausted. */
record Sleep(long durationNanos, long deadline) implements Generator {
    @Override
    public Step step(Context context) {
        long end = deadline < 0 ? context.time() + durationNanos : deadline;
        if (context.time() >= end) return Step.EXHAUSTED;
        return new Step.Pending(new Sleep(durationNanos, end), end);
    }
}
