package io.faultline.stores.raftstore;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One JDK HttpClient per node, shared by every process pinned to that node, as etcd's clients share
 * one gRPC channel per member ({@code EtcdConnections}). A client of its own per process cost the
 * harness a selector thread, an executor and a connection pool each (32 at concurrency 32, more as
 * processes retire), and its selector wake-ups were the top frames of the harness's profile
 * (docs/notes/compare.md). Sharing changes nothing a checker can see: raftstore's client sessions
 * travel in the Client-Id/Client-Seq headers, not in the connection, and HTTP/1.1 carries one
 * request per connection at a time, so a lost connection still loses only the request it carried.
 */
final class RaftstoreConnections implements AutoCloseable {
    private final Map<String, HttpClient> byAddress = new ConcurrentHashMap<>();
    private final Duration connectTimeout;

    RaftstoreConnections(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** The shared client for {@code address} ("host:port"). */
    HttpClient forAddress(String address) {
        return byAddress.computeIfAbsent(address, a -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build());
    }

    @Override
    public void close() {
        byAddress.values().forEach(HttpClient::shutdownNow);
        byAddress.clear();
    }
}
