package io.faultline.generator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The generator DSL: every combinator is a pure function from generators to a generator. */
public final class Generators {
    private Generators() {
    }

    public static Generator empty() {
        return Empty.INSTANCE;
    }

    /** One op on the first free thread. */
    public static Generator once(String f, String key, Object value) {
        return new Once(GenOp.of(f, key, value));
    }

    /** An endless stream of ops made by {@code source}, seeded by {@code rng}. */
    public static Generator ops(Rng rng, OpSource source) {
        return new Source(source, rng);
    }

    /** One generator after the other, without waiting for the previous one's ops to finish. */
    public static Generator seq(Generator... gens) {
        return gens.length == 1 ? gens[0] : new Seq(gens.clone(), 0);
    }

    /**
     * One generator after the other; each phase starts only once every thread of the scope has
     * finished the ops of the previous one.
     */
    public static Generator phases(Generator... gens) {
        Generator[] out = gens.clone();
        for (int i = 1; i < out.length; i++) out[i] = synchronize(out[i]);
        return seq(out);
    }

    /** Waits until every thread in scope is free before starting {@code gen}. */
    public static Generator synchronize(Generator gen) {
        return new Synchronize(gen, false);
    }

    /** Takes whichever child has the op due soonest; e.g. client ops and nemesis ops side by side. */
    public static Generator any(Generator... gens) {
        return new Any(gens.clone());
    }

    /** Each op from a child chosen uniformly at random. */
    public static Generator mix(Rng rng, Generator... gens) {
        return new Mix(gens.clone(), rng);
    }

    public static Generator mix(Rng rng, List<Generator> gens) {
        return new Mix(gens.toArray(Generator[]::new), rng);
    }

    /** About {@code opsPerSecond} ops per second in total, with each gap uniform in [0, 2/rate]. */
    public static Generator rate(double opsPerSecond, Rng rng, Generator gen) {
        if (!(opsPerSecond > 0)) throw new IllegalArgumentException("rate must be positive: " + opsPerSecond);
        return new Spaced(new Spaced.Stagger(Math.max(1, (long) (1e9 / opsPerSecond)), rng), gen, -1);
    }

    /** Ops exactly {@code period} apart. */
    public static Generator delay(Duration period, Generator gen) {
        return new Spaced(new Spaced.Fixed(period.toNanos()), gen, -1);
    }

    /** At most {@code n} ops. */
    public static Generator limit(long n, Generator gen) {
        return new Limit(n, gen);
    }

    /** Only ops due within {@code limit} of the first time it is asked. */
    public static Generator timeLimit(Duration limit, Generator gen) {
        return new TimeLimit(limit.toNanos(), -1, gen);
    }

    /** Nothing for {@code duration}. */
    public static Generator sleep(Duration duration) {
        return new Sleep(duration.toNanos(), -1);
    }

    /** Runs {@code gen} {@code times} times in a row, each time from its initial state. */
    public static Generator repeat(long times, Generator gen) {
        if (times < 1) throw new IllegalArgumentException("times must be >= 1: " + times);
        return new Repeat(gen, gen, times - 1, false);
    }

    /** Runs {@code gen} again and again, from its initial state each time; bound it with a limit. */
    public static Generator repeat(Generator gen) {
        return new Repeat(gen, gen, -1, false);
    }

    /** The sequence of {@code gens}, over and over. */
    public static Generator cycle(Generator... gens) {
        return repeat(seq(gens));
    }

    /** Every thread of the scope runs its own copy of {@code gen}. */
    public static Generator eachThread(Generator gen) {
        return new EachThread(gen, null, null, 0);
    }

    /**
     * Splits the scope's threads: the first {@code counts[0]} threads run {@code gens[0]}, the next
     * {@code counts[1]} run {@code gens[1]}, ..., and the remaining threads run {@code rest}.
     */
    public static Generator reserve(int[] counts, Generator[] gens, Generator rest) {
        if (counts.length != gens.length) throw new IllegalArgumentException("reserve needs one count per generator");
        List<Generator> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) throw new IllegalArgumentException("reserve counts must be >= 0");
            parts.add(new Slice(from, from + counts[i], gens[i]));
            from += counts[i];
        }
        parts.add(new Slice(from, Integer.MAX_VALUE, rest));
        return new Any(parts.toArray(Generator[]::new));
    }

    /** Sends {@code gen}'s ops to client threads only. */
    public static Generator clients(Generator gen) {
        return new Route(false, gen);
    }

    /** Sends {@code gen}'s ops to the nemesis only. */
    public static Generator nemesis(Generator gen) {
        return new Route(true, gen);
    }

    /** {@code gen}'s ops until one of them completes ok. */
    public static Generator untilOk(Generator gen) {
        return new UntilOk(gen, new int[0], false);
    }
}
