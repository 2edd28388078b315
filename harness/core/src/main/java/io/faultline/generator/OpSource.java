package io.faultline.generator;

import java.util.SplittableRandom;

/**
 * Makes one op template from a random source. The source is freshly seeded for each op from the
 * generator's own seeded state, so an implementation may draw as often as it likes and stays pure.
 */
@FunctionalInterface
public interface OpSource {
    GenOp make(SplittableRandom random);
}
