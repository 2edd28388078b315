package io.faultline.env;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

/** The delay check of both environments' fault-proxy tests, each measuring round trips its own way. */
public final class DelayCheck {
    private DelayCheck() {
    }

    /** The best round trip over the link under test, in ms. */
    public interface RoundTrip {
        long millis() throws Exception;
    }

    /**
     * Delays n1->n2 by {@code there} ms and measures, then n2->n1 by {@code back} ms and measures:
     * the first round trip carries one delay (and at most {@code slack} ms more), the second both.
     * Returns the two round trips.
     */
    public static long[] oneWayThenBoth(LinkControl links, Node n1, Node n2, long there, long back, long slack, RoundTrip rtt)
            throws Exception {
        links.delay(n1, n2, Duration.ofMillis(there), Duration.ZERO);
        long oneWay = rtt.millis();
        assertTrue(oneWay >= there && oneWay < there + slack, "n1->n2 delayed " + there + " ms: " + oneWay + " ms");
        links.delay(n2, n1, Duration.ofMillis(back), Duration.ZERO);
        long both = rtt.millis();
        assertTrue(both >= there + back, "both directions delayed: " + both + " ms");
        return new long[] {oneWay, both};
    }
}
