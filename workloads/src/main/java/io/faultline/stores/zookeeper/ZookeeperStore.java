package io.faultline.stores.zookeeper;

import io.faultline.stores.ClientTable;
import io.faultline.store.Store;
import io.faultline.store.StoreOptions;
import io.faultline.stores.OptimisticTxn;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * ZooKeeper: its Db and the clients of every workload. Settings ({@code --opt store.X=...}):
 * {@code read-mode} (linearizable: sync before every read; serializable: read the pinned server's
 * state as it is), {@code session-timeout-ms} (default 3000), {@code tick-ms} (default 100),
 * {@code init-limit}, {@code sync-limit}, {@code jvm-opts}.
 */
public final class ZookeeperStore {

    private ZookeeperStore() {
    }

    public static Store open(StoreOptions options) {
        ClientTable.refuseFaultModes("ZooKeeper", options);
        Duration sessionTimeout = Duration.ofMillis(options.integer("session-timeout-ms", 3000, 1));
        // Read here, so a bad number is refused before anything is set up, not when zoo.cfg is written.
        ZookeeperDb.Timing timing = ZookeeperDb.Timing.of(options.settings());
        String mode = options.settings().getOrDefault("read-mode", "linearizable").trim().toLowerCase(Locale.ROOT);
        boolean syncReads = switch (mode) {
            case "linearizable" -> true;
            case "serializable" -> false;
            default -> throw new IllegalArgumentException("--opt store.read-mode=" + mode
                    + ": expected linearizable (sync before reads) or serializable (no sync)");
        };
        ZookeeperDb db = new ZookeeperDb(ServerClasspath.read(options.home()), org.apache.zookeeper.Version.getFullVersion(),
                options.settings(), timing);
        // ZooKeeper servers are JVMs, which follow libfaketime's clock.
        boolean honoursFaketime = true;
        return new ClientTable("zookeeper", db, honoursFaketime, Map.of(
                "register", () -> new ZookeeperRegisterClient(db, sessionTimeout, syncReads),
                "session", () -> new ZookeeperRegisterClient(db, sessionTimeout, syncReads),
                "set", () -> new ZookeeperSetClient(db, sessionTimeout, syncReads),
                "append", () -> new ZookeeperTxnClient(OptimisticTxn.LIST_APPEND, "append", db, sessionTimeout, syncReads),
                "rw-register", () -> new ZookeeperTxnClient(OptimisticTxn.RW_REGISTER, "rw", db, sessionTimeout, syncReads),
                "election", () -> new ZookeeperElectionClient(db, sessionTimeout, syncReads),
                "lock", () -> new ZookeeperLockClient(db, sessionTimeout)));
    }
}
