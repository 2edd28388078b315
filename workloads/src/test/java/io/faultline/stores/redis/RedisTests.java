package io.faultline.stores.redis;

/** What the Redis tests share. */
final class RedisTests {
    private RedisTests() {
    }

    /**
     * Skips the calling test class where redis-server is missing, and fails it under CI=true (a
     * green run that skipped is a lie; bin/test installs redis-server and redis-sentinel).
     */
    static void needRedis() {
        try {
            RedisBinary.locate(System.getenv("PATH"));
        } catch (IllegalArgumentException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new AssertionError("CI=true, and " + e.getMessage());
            org.junit.jupiter.api.Assumptions.abort(e.getMessage());
        }
    }
}
