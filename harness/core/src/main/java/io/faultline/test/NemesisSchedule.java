package io.faultline.test;

import java.time.Duration;
import java.util.List;

/**
 * Which faults to inject and how often: each cycle waits about {@code interval} (seeded jitter),
 * starts one of {@code faults} chosen at random, holds it about {@code interval}, then stops it.
 * An empty list means no nemesis.
 */
public record NemesisSchedule(List<String> faults, Duration interval) {
    public NemesisSchedule {
        faults = List.copyOf(faults);
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("nemesis interval must be positive: " + interval);
        }
    }

    public boolean none() {
        return faults.isEmpty();
    }
}
