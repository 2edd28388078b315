package io.faultline.testing;

import java.util.SplittableRandom;

/**
 * Property tests over the project's own seeded generators, in plain JUnit: a test names itself
 * and a number of cases; each case gets a seed derived from the name and the case number, so every
 * run checks the same cases. A failure names the seed and the one-line command that replays it
 * alone ({@code -Dfaultline.seed=S}).
 */
public final class Seeds {
    private Seeds() {
    }

    /** One case. Returns false when the generated input does not suit the property (it then does not count). */
    @FunctionalInterface
    public interface Case {
        boolean check(long seed) throws Exception;
    }

    /**
     * Runs {@code tries} cases of {@code test} ("Class#method", as {@code -Dtest} takes it) in
     * {@code module}, or only the seed in {@code -Dfaultline.seed}; fails when fewer than half of
     * the cases suited the property, so a generator that stops producing fitting inputs cannot
     * turn the property into one that checks nothing.
     */
    public static void check(String module, String test, int tries, Case body) {
        String only = System.getProperty("faultline.seed");
        long[] seeds;
        if (only != null) {
            seeds = new long[]{Long.parseLong(only.trim())};
        } else {
            SplittableRandom base = new SplittableRandom(test.hashCode());
            seeds = new long[tries];
            for (int i = 0; i < tries; i++) seeds[i] = base.nextLong();
        }
        int suited = 0;
        for (long seed : seeds) {
            try {
                if (body.check(seed)) suited++;
            } catch (AssertionError | Exception e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage() + "\nreplay: ./mvnw -B -q -pl " + module
                        + " test -Dtest='" + test + "' -Dfaultline.seed=" + seed, e);
            }
        }
        if (only == null && suited * 2 < seeds.length) {
            throw new AssertionError(test + ": only " + suited + " of " + seeds.length
                    + " generated inputs suited the property; the generator no longer exercises it");
        }
    }
}
