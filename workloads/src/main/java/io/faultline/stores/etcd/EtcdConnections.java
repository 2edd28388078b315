package io.faultline.stores.etcd;

import io.etcd.jetcd.Client;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One jetcd client per member, shared by every process pinned to that member, on one Vert.x
 * instance: jetcd opens an event loop per client, and a run retires processes (each one a fresh
 * client) on every indeterminate op. Sharing the gRPC channel changes nothing a checker can see:
 * etcd keeps no per-connection session state.
 */
final class EtcdConnections implements AutoCloseable {
    private final Map<String, Client> byEndpoint = new ConcurrentHashMap<>();
    private final java.util.List<Client> retired = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Duration connectTimeout;
    private Vertx vertx;

    EtcdConnections(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** The shared client for {@code endpoint} ("http://host:port"). */
    Client forEndpoint(String endpoint) {
        return byEndpoint.computeIfAbsent(endpoint, e -> Client.builder()
                .endpoints(e)
                .vertx(vertx())
                .connectTimeout(connectTimeout)
                // No retries inside jetcd: a cas retried after an unknown first attempt could then
                // report a compare failure for a write that did happen. The harness retires the
                // process instead, and the op stays indeterminate.
                .retryMaxAttempts(0)
                // Fail fast while the member is down (UNAVAILABLE, certainly not sent) instead of
                // queueing the request until the deadline, when the outcome would look unknown.
                .waitForReady(false)
                .keepaliveTime(Duration.ofSeconds(5))
                .keepaliveTimeout(Duration.ofSeconds(2))
                .build());
    }

    /**
     * Drops {@code client} for {@code endpoint} if it is still the shared one: after a member
     * restarts, gRPC's reconnect backoff can keep an old channel failing for many seconds, while a
     * fresh channel connects at once.
     */
    void evict(String endpoint, Client client) {
        // Not closed here: closing a jetcd client tears down state other clients on the shared
        // Vert.x instance still use; retired clients are closed with the rest at teardown.
        if (byEndpoint.remove(endpoint, client)) retired.add(client);
    }

    private synchronized Vertx vertx() {
        if (vertx == null) vertx = Vertx.vertx();
        return vertx;
    }

    @Override
    public synchronized void close() {
        byEndpoint.values().forEach(Client::close);
        byEndpoint.clear();
        retired.forEach(Client::close);
        retired.clear();
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Closing is best effort at teardown; the JVM's threads are daemons.
            }
            vertx = null;
        }
    }
}
