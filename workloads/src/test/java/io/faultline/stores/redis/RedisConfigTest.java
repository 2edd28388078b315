package io.faultline.stores.redis;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.history.Errors;
import io.faultline.history.OpType;
import io.faultline.testing.fake.FakeEnvironment;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** The configs faultline writes, the settings it accepts, and how failures are classified. */
class RedisConfigTest {

    @Test
    void configsCarryTheSettingsAndTheFirstNodeIsThePrimary(@TempDir Path run) {
        RedisSettings s = RedisSettings.parse(Map.of("min-replicas-to-write", "1", "down-after-milliseconds", "3000"));
        RedisDb db = new RedisDb("/usr/bin/redis-server", "7.0.15", s, new RedisConnections(Duration.ofSeconds(1)));
        FakeEnvironment env = new FakeEnvironment(3, run);
        db.configure(env);
        String primary = db.redisConfig(env.nodes().get(0));
        String replica = db.redisConfig(env.nodes().get(1));
        String sentinel = db.sentinelConfig(env.nodes().get(2));
        assertFalse(primary.contains("replicaof"), primary);
        // Nodes share 127.0.0.1 in the fake, so each gets its own ports.
        assertTrue(replica.contains("port 6389\n") && replica.contains("replicaof 127.0.0.1 6379\n"), replica);
        assertTrue(primary.contains("min-replicas-to-write 1\n") && primary.contains("min-replicas-max-lag 10\n"), primary);
        assertTrue(primary.contains("appendonly yes\n") && primary.contains("appendfsync everysec\n"), primary);
        assertTrue(sentinel.contains("port 26399\n") && sentinel.contains("sentinel announce-ip 127.0.0.1\nsentinel announce-port 26399\n"), sentinel);
        assertTrue(replica.contains("replica-announce-ip 127.0.0.1\nreplica-announce-port 6389\n"), replica);
        assertTrue(sentinel.contains("sentinel monitor faultline 127.0.0.1 6379 2\n"), sentinel);
        assertTrue(sentinel.contains("sentinel down-after-milliseconds faultline 3000\n"), sentinel);
        assertTrue(sentinel.contains("sentinel failover-timeout faultline 10000\n"), sentinel);
        assertTrue(sentinel.contains("sentinel parallel-syncs faultline 1\n"), sentinel);
        assertEquals("1", db.processSettings().get("min-replicas-to-write"));
        assertEquals("0", db.processSettings().get("wait-replicas"));
        assertEquals("127.0.0.1:6389", db.clientAddress(env.nodes().get(1)));
    }

    @Test
    void badSettingsAreRefusedByName() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> RedisSettings.parse(Map.of("wait-replica", "1")));
        assertTrue(unknown.getMessage().contains("store.wait-replica") && unknown.getMessage().contains("wait-replicas"),
                unknown.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> RedisSettings.parse(Map.of("wait-replicas", "-1")));
        assertTrue(negative.getMessage().contains("store.wait-replicas=-1"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RedisSettings.parse(Map.of("appendonly", "maybe")));
    }

    /** compare asks every store for a warm-up (store.warmup-s); Redis refused the setting, so a compare with Redis ended exit 3. */
    @Test
    void theWarmUpSettingEveryStoreTakesIsTakenAndStated() {
        RedisSettings s = RedisSettings.parse(Map.of("warmup-s", "10"));
        assertEquals(java.time.Duration.ofSeconds(10), s.warmup());
        assertTrue(s.effective().get("warm-up").startsWith("10"), s.effective().toString());
        assertEquals(java.time.Duration.ZERO, RedisSettings.parse(Map.of()).warmup(), "none unless asked, as for the other stores");
        assertThrows(IllegalArgumentException.class, () -> RedisSettings.parse(Map.of("warmup-s", "-1")));
    }

    @Test
    void errorRepliesFailAndLostRepliesOfWritesAreUnknown() {
        // The server refused: nothing ran.
        assertEquals(OpType.FAIL, RedisErrors.classify(new JedisDataException("READONLY You can't write against a read only replica."), true, true).type());
        assertEquals(OpType.FAIL, RedisErrors.classify(new JedisDataException("NOREPLICAS Not enough good replicas to write."), true, true).type());
        assertEquals(OpType.FAIL, RedisErrors.classify(new JedisDataException("EXECABORT Transaction discarded"), true, true).type());
        // Sent, and no answer: a write may have run.
        RedisErrors.Outcome timeout = RedisErrors.classify(new JedisConnectionException(new SocketTimeoutException("Read timed out")), true, true);
        assertEquals(OpType.INFO, timeout.type());
        assertEquals(Errors.TIMED_OUT, timeout.error());
        assertEquals(OpType.INFO, RedisErrors.classify(new JedisConnectionException("Unexpected end of stream."), true, true).type());
        // A read that got no answer changed nothing.
        assertEquals(OpType.FAIL, RedisErrors.classify(new JedisConnectionException(new SocketTimeoutException("x")), false, true).type());
        // Never sent: refused connections, or no connection from the pool.
        assertEquals(OpType.FAIL, RedisErrors.classify(new JedisConnectionException(new ConnectException("refused")), true, true).type());
        assertEquals(OpType.FAIL, RedisErrors.classify(new JedisConnectionException(new SocketTimeoutException("connect")), true, false).type());
    }
}
