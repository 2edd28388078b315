package io.faultline.stores;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.store.Store;
import io.faultline.store.StoreOptions;
import io.faultline.stores.etcd.EtcdStore;
import io.faultline.stores.raftstore.RaftstoreStore;
import io.faultline.stores.redis.RedisStore;
import io.faultline.stores.zookeeper.ZookeeperStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A number a store cannot use is refused when the store is opened, before any node is configured,
 * with the flag as the user typed it. ZooKeeper's tick-ms used to fail as a bare
 * NumberFormatException while the first zoo.cfg was written, and its init-limit went into zoo.cfg as
 * typed.
 */
class StoreSettingsRefusedTest {
    private static final Path HOME = Path.of(".").toAbsolutePath();

    @Test
    void everyStoreNamesTheSettingAndWhatItExpected() {
        Map<String, Function<StoreOptions, Store>> stores = Map.of(
                "raftstore", RaftstoreStore::open, "etcd", EtcdStore::open, "zookeeper", ZookeeperStore::open, "redis", RedisStore::open);
        List<List<String>> cases = List.of(
                List.of("raftstore", "client-timeout-ms", "abc", "expected an integer >= 1"),
                List.of("raftstore", "election-timeout-ms", "0", "expected an integer >= 1"),
                List.of("raftstore", "lock-lease-ms", "-5", "expected an integer >= 0"),
                List.of("etcd", "lease-ttl-s", "2.5", "expected an integer >= 1"),
                List.of("zookeeper", "tick-ms", "abc", "expected an integer >= 1"),
                List.of("zookeeper", "init-limit", "50; evil=1", "expected an integer >= 1"),
                List.of("zookeeper", "session-timeout-ms", "", "expected an integer >= 1"),
                List.of("redis", "quorum", "two", "expected an integer >= 1"),
                List.of("redis", "quorum", "99999999999", "expected an integer <= 2147483647"));
        for (List<String> c : cases) {
            StoreOptions options = new StoreOptions(HOME, List.of(), Map.of(c.get(1), c.get(2)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stores.get(c.get(0)).apply(options),
                    () -> c + " was accepted");
            assertEquals("--opt store." + c.get(1) + "=" + c.get(2) + ": " + c.get(3), e.getMessage(), c.toString());
        }
    }

    @Test
    void aNumberInRangeIsTakenAndAnUnsetOneFallsBack() {
        StoreOptions options = new StoreOptions(HOME, List.of(), Map.of("tick-ms", " 250 ", "quorum", "1"));
        assertEquals(250, options.integer("tick-ms", 100, 1));
        assertEquals(100, options.integer("sync-limit", 100, 1));
        assertEquals(1, StoreOptions.integer(options.settings(), "quorum", 2, 1));
        assertThrows(IllegalArgumentException.class, () -> options.integer("quorum", 2, 2));
    }
}
