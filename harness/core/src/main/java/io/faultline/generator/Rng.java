package io.faultline.generator;

/**
 * An immutable SplitMix64 random source: each draw returns a value and the next state is
 * {@link #next()}. Generators carry one so that stepping stays pure and a seed fixes every draw.
 */
public record Rng(long state) {
    private static final long GAMMA = 0x9e3779b97f4a7c15L;

    public static Rng seeded(long seed) {
        return new Rng(mix(seed));
    }

    public Rng next() {
        return new Rng(state + GAMMA);
    }

    /** A second, independent stream, for handing to a child generator. */
    public Rng split() {
        return new Rng(mix(state ^ 0x632be59bd9b4e019L));
    }

    public long value() {
        return mix(state + GAMMA);
    }

    /** Uniform in [0, bound). */
    public int below(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive: " + bound);
        return (int) Math.floorMod(value(), (long) bound);
    }

    /** Uniform in [0, 1). */
    public double unit() {
        return (value() >>> 11) * 0x1.0p-53;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
