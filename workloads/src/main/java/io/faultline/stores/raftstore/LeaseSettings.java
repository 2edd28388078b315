package io.faultline.stores.raftstore;

import java.util.Map;

/**
 * Timings of the raftstore lease lock (store settings {@code lock-*}, in milliseconds).
 *
 * @param leaseMillis  how long one acquire or renewal holds the lock ({@code lock-lease-ms}, 3000)
 * @param renewMillis  pause between the holder's renewals ({@code lock-renew-ms}, lease / 3)
 * @param marginMillis the holder stops claiming the lock this long before its lease ends
 *                     ({@code lock-margin-ms}, lease / 10): room for clock drift between clients
 * @param waitMillis   how long an acquire waits for the lock to come free ({@code lock-wait-ms}, lease)
 */
record LeaseSettings(long leaseMillis, long renewMillis, long marginMillis, long waitMillis) {

    LeaseSettings {
        if (leaseMillis < 10) throw new IllegalArgumentException("--opt store.lock-lease-ms=" + leaseMillis + ": expected at least 10");
        if (marginMillis < 0 || marginMillis >= leaseMillis) {
            throw new IllegalArgumentException("--opt store.lock-margin-ms=" + marginMillis + ": expected 0 <= margin < lock-lease-ms ("
                    + leaseMillis + ")");
        }
        if (renewMillis < 1 || renewMillis >= leaseMillis - marginMillis) {
            throw new IllegalArgumentException("--opt store.lock-renew-ms=" + renewMillis + ": expected 1 <= renew < lock-lease-ms - lock-margin-ms ("
                    + (leaseMillis - marginMillis) + "), or the holder gives up before its first renewal");
        }
        if (waitMillis < 0) throw new IllegalArgumentException("--opt store.lock-wait-ms=" + waitMillis + ": expected >= 0");
    }

    static LeaseSettings from(Map<String, String> settings) {
        long lease = millis(settings, "lock-lease-ms", 3000);
        return new LeaseSettings(lease, millis(settings, "lock-renew-ms", lease / 3), millis(settings, "lock-margin-ms", lease / 10),
                millis(settings, "lock-wait-ms", lease));
    }

    private static long millis(Map<String, String> settings, String name, long otherwise) {
        return io.faultline.store.StoreOptions.integer(settings, name, otherwise, 0);
    }
}
