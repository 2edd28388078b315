package io.faultline.stores.redis;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.client.Client;
import io.faultline.env.Environment;
import io.faultline.env.EnvironmentSpec;
import io.faultline.env.Environments;
import io.faultline.env.Node;
import io.faultline.history.Errors;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.store.Store;
import io.faultline.store.StoreOptions;
import io.faultline.stores.etcd.Runs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Redis cluster on loopback: the sentinels name the first node's server as the primary,
 * clients find it through them, and after the primary is killed the sentinels promote a replica
 * and the same client follows (about 15 s).
 */
class RedisSentinelTest {
    @BeforeAll
    static void needRedis() {
        RedisTests.needRedis();
    }

    @Test
    void clientsFindThePrimaryThroughSentinelsAndFollowAFailover(@TempDir Path run) throws Exception {
        Store store = RedisStore.open(new StoreOptions(Runs.home(), List.of(), Map.of()));
        RedisDb db = (RedisDb) store.db();
        try (Environment env = Environments.create(new EnvironmentSpec("loopback", "rs" + Long.toString(System.nanoTime() % 46656, 36),
                3, run, false, false))) {
            db.setup(env);
            try {
                db.awaitReady();
                Node first = env.nodes().getFirst();
                assertEquals(Optional.of(first), db.leader(), "the sentinels name the configured primary");
                assertEquals("master", db.replicationInfo(first).get("role"));
                assertEquals("slave", db.replicationInfo(env.nodes().get(1)).get("role"));

                Client c = store.newClient("register");
                c.open(env.nodes().get(2));
                assertEquals(OpType.OK, c.invoke(inv(1, "write", 1L)).type());
                Op read = c.invoke(inv(2, "read", null));
                assertEquals(OpType.OK, read.type());
                assertEquals(1L, read.value());
                Op mismatch = c.invoke(inv(3, "cas", List.of(7L, 8L)));
                assertEquals(OpType.FAIL, mismatch.type());
                assertEquals(Errors.CAS_MISMATCH, mismatch.error());
                assertEquals(OpType.OK, c.invoke(inv(4, "cas", List.of(1L, 2L))).type());

                db.kill(first);
                long end = System.nanoTime() + 40_000_000_000L;
                Optional<Node> promoted = Optional.of(first);
                while (System.nanoTime() < end && promoted.map(first::equals).orElse(true)) {
                    Thread.sleep(200);
                    promoted = db.leader();
                }
                assertTrue(promoted.isPresent() && !promoted.get().equals(first), "a replica was promoted: " + promoted);
                // The pool hears +switch-master; until then a write may fail on the dead primary.
                Op after = null;
                for (int i = 0; i < 100 && (after == null || after.type() != OpType.OK); i++) {
                    after = c.invoke(inv(10 + i, "write", 3L));
                    if (after.type() != OpType.OK) Thread.sleep(200);
                }
                assertEquals(OpType.OK, after.type(), () -> "writes reach the new primary: " + db.leader());
                Op reread = c.invoke(inv(200, "read", null));
                assertEquals(3L, reread.value());
                assertEquals("master", db.replicationInfo(promoted.get()).get("role"));
                c.close();
            } finally {
                db.teardown();
            }
        }
    }

    private static Op inv(long index, String f, Object value) {
        return new Op(index, index, 0, OpType.INVOKE, f, "k", value, null, null);
    }
}
