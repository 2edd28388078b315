package io.faultline.stores.redis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Redis and Sentinel settings of a run ({@code --opt store.X=...}), with the defaults used
 * when a run names none. Redis's own defaults for the failover timings (30 s down-after, 3 min
 * failover-timeout) would leave a 30 s test without a single failover, so the Sentinel timings are
 * short; the replication settings are Redis's defaults, which is what the seed notes warn about:
 * {@code min-replicas-to-write 0} lets a primary cut off from every replica keep acknowledging.
 *
 * @param waitReplicas       WAIT for this many replicas after each write (0: no WAIT)
 * @param waitTimeoutMs      the WAIT timeout
 * @param clientTimeoutMs    socket timeout of every client request
 * @param minReplicasToWrite redis.conf min-replicas-to-write
 * @param minReplicasMaxLag  redis.conf min-replicas-max-lag (s)
 * @param appendonly         redis.conf appendonly
 * @param appendfsync        redis.conf appendfsync
 * @param downAfterMs        sentinel down-after-milliseconds
 * @param failoverTimeoutMs  sentinel failover-timeout
 * @param parallelSyncs      sentinel parallel-syncs
 * @param quorum             sentinels that must agree the primary is down
 * @param warmup             warm-up load before the main phase ({@code warmup-s}, as every store takes it)
 */
record RedisSettings(int waitReplicas, int waitTimeoutMs, int clientTimeoutMs, int minReplicasToWrite,
                     int minReplicasMaxLag, boolean appendonly, String appendfsync, int downAfterMs,
                     int failoverTimeoutMs, int parallelSyncs, int quorum, java.time.Duration warmup) {

    static final Set<String> NAMES = Set.of("wait-replicas", "wait-timeout-ms", "client-timeout-ms",
            "min-replicas-to-write", "min-replicas-max-lag", "appendonly", "appendfsync",
            "down-after-milliseconds", "failover-timeout", "parallel-syncs", "quorum", "warmup-s");

    static RedisSettings parse(Map<String, String> s) {
        for (String k : s.keySet()) {
            if (!NAMES.contains(k)) {
                throw new IllegalArgumentException("--opt store." + k + ": redis has no such setting; it has "
                        + String.join(", ", new java.util.TreeSet<>(NAMES)));
            }
        }
        String fsync = s.getOrDefault("appendfsync", "everysec");
        if (!Set.of("always", "everysec", "no").contains(fsync)) {
            throw new IllegalArgumentException("--opt store.appendfsync=" + fsync + ": expected always, everysec or no");
        }
        return new RedisSettings(
                integer(s, "wait-replicas", 0, 0),
                integer(s, "wait-timeout-ms", 1000, 1),
                integer(s, "client-timeout-ms", 2000, 1),
                integer(s, "min-replicas-to-write", 0, 0),
                integer(s, "min-replicas-max-lag", 10, 1),
                yesNo(s, "appendonly", true),
                fsync,
                integer(s, "down-after-milliseconds", 2000, 1),
                integer(s, "failover-timeout", 10000, 1),
                integer(s, "parallel-syncs", 1, 1),
                integer(s, "quorum", 2, 1),
                io.faultline.stores.Warmup.length(s, io.faultline.stores.Warmup.DEFAULT_SECONDS));
    }

    private static int integer(Map<String, String> s, String name, int fallback, int min) {
        return (int) io.faultline.store.StoreOptions.integer(s, name, fallback, min, Integer.MAX_VALUE);
    }

    private static boolean yesNo(Map<String, String> s, String name, boolean fallback) {
        String v = s.get(name);
        if (v == null) return fallback;
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "yes", "true" -> true;
            case "no", "false" -> false;
            default -> throw new IllegalArgumentException("--opt store." + name + "=" + v + ": expected yes or no");
        };
    }

    /** Every setting in effect, by its option name, as recorded in the run's test.json. */
    Map<String, String> effective() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("wait-replicas", String.valueOf(waitReplicas));
        m.put("wait-timeout-ms", String.valueOf(waitTimeoutMs));
        m.put("client-timeout-ms", String.valueOf(clientTimeoutMs));
        m.put("min-replicas-to-write", String.valueOf(minReplicasToWrite));
        m.put("min-replicas-max-lag", String.valueOf(minReplicasMaxLag));
        m.put("appendonly", appendonly ? "yes" : "no");
        m.put("appendfsync", appendfsync);
        m.put("down-after-milliseconds", String.valueOf(downAfterMs));
        m.put("failover-timeout", String.valueOf(failoverTimeoutMs));
        m.put("parallel-syncs", String.valueOf(parallelSyncs));
        m.put("quorum", String.valueOf(quorum));
        m.put("warm-up", io.faultline.stores.Warmup.describe(warmup, "SET and GET on keys no workload uses, through the sentinels' primary"));
        return m;
    }
}
