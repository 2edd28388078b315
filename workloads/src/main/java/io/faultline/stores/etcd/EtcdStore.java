package io.faultline.stores.etcd;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.store.Store;
import io.faultline.stores.ClientTable;
import io.faultline.store.StoreOptions;
import io.faultline.stores.OptimisticTxn;
import java.time.Duration;
import java.util.Map;

/**
 * etcd: its Db and the jetcd clients of every workload. Settings ({@code --opt store.X=...}):
 * {@code etcd-bin} (default: etcd on PATH), {@code read-mode} (linearizable | serializable),
 * {@code client-timeout-ms} (default 2000), {@code heartbeat-ms}, {@code election-timeout-ms},
 * {@code etcd-flags} (extra flags, space separated), {@code lease-ttl-s} (election and lock leases, default 2),
 * {@code lease-margin-ms} (default 200: a holder counts on its lease until the send time of its
 * last acknowledged keep-alive + TTL - this margin).
 */
public final class EtcdStore {

    private EtcdStore() {
    }

    public static Store open(StoreOptions options) {
        ClientTable.refuseFaultModes("etcd", options);
        Duration timeout = Duration.ofMillis(options.integer("client-timeout-ms", 2000, 1));
        long leaseTtlSeconds = options.integer("lease-ttl-s", 2, 1);
        Duration leaseMargin = Duration.ofMillis(options.integer("lease-margin-ms", 200, 1));
        if (leaseMargin.compareTo(Duration.ofSeconds(leaseTtlSeconds)) >= 0) {
            throw new IllegalArgumentException("--opt store.lease-margin-ms=" + leaseMargin.toMillis()
                    + ": must be below the lease TTL (store.lease-ttl-s=" + leaseTtlSeconds + ")");
        }
        ReadMode readMode = ReadMode.parse(options.settings().get("read-mode"));
        EtcdBinary binary = EtcdBinary.locate(options.settings().get("etcd-bin"), System.getenv("PATH"));
        EtcdConnections connections = new EtcdConnections(Duration.ofSeconds(1));
        EtcdDb db = new EtcdDb(binary, options.settings(), new ObjectMapper(), connections);
        // etcd is a Go binary: the Go runtime reads the clock through the vDSO, which libfaketime cannot shift.
        boolean honoursFaketime = false;
        return new ClientTable("etcd", db, honoursFaketime, Map.of(
                "register", () -> new EtcdRegisterClient(db, connections, timeout, readMode),
                "session", () -> new EtcdRegisterClient(db, connections, timeout, readMode),
                "set", () -> new EtcdSetClient(db, connections, timeout, readMode),
                "append", () -> new EtcdTxnClient(OptimisticTxn.LIST_APPEND, db, connections, timeout, readMode),
                "rw-register", () -> new EtcdTxnClient(OptimisticTxn.RW_REGISTER, db, connections, timeout, readMode),
                "election", () -> new EtcdElectionClient(db, connections, timeout, readMode, leaseTtlSeconds, leaseMargin),
                "lock", () -> new EtcdLockClient(db, connections, timeout, readMode, leaseTtlSeconds, leaseMargin)));
    }
}
