package io.faultline.generator;

/**
 * Spaces the ops of {@code gen}: an op goes out no earlier than {@code nextTime}, and the next one is
 * due a {@link Gap} later. {@code nextTime} is -1 until the first op. {@link Generators#delay} and
 * {@link Generators#rate} differ only in the gap.
 */
record Spaced(Gap gap, Generator gen, long nextTime) implements Generator {
    /** The time between two ops, and the gap that follows it. */
    sealed interface Gap {
        long nanos();

        Gap next();
    }

    /** Exactly {@code periodNanos} apart. */
    record Fixed(long periodNanos) implements Gap {
        @Override
        public long nanos() {
            return periodNanos;
        }

        @Override
        public Gap next() {
            return this;
        }
    }

    /**
     * Uniform in [0, 2 * period], so the mean rate is one op per period in total across all threads
     * (Jepsen's stagger).
     */
    record Stagger(long periodNanos, Rng rng) implements Gap {
        @Override
        public long nanos() {
            return (long) (rng.unit() * 2 * periodNanos);
        }

        @Override
        public Gap next() {
            return new Stagger(periodNanos, rng.next());
        }
    }

    @Override
    public Step step(Context context) {
        Step s = gen.step(context);
        return switch (s) {
            case Step.Emit e -> {
                long t = Math.max(e.op().time(), nextTime < 0 ? context.time() : nextTime);
                yield new Step.Emit(e.op().at(t), new Spaced(gap.next(), e.next(), t + gap.nanos()));
            }
            case Step.Pending p -> new Step.Pending(new Spaced(gap, p.next(), nextTime), p.wakeAt());
            case Step.Exhausted x -> x;
        };
    }

    @Override
    public Generator update(Context context, Event event) {
        Generator g = gen.update(context, event);
        return g == gen ? this : new Spaced(gap, g, nextTime);
    }
}
