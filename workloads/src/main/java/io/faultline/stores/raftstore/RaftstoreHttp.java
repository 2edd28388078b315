package io.faultline.stores.raftstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.history.Errors;
import io.faultline.history.OpType;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/**
 * One connection's worth of HTTP to one raftstore node, and the rule that turns every failure into
 * {@code fail} (certainly not applied) or {@code info} (unknown):
 * <ul>
 * <li>refused or timed-out connect, 400, 404, 503 (no leader): fail — the request was never
 *     accepted;</li>
 * <li>request timeout, connection reset or closed after sending, 504 (commit not confirmed),
 *     other 5xx: info — the write may still be applied;</li>
 * <li>a request that cannot change state (a read) fails whatever went wrong.</li>
 * </ul>
 */
final class RaftstoreHttp implements AutoCloseable {

    /** The answer to one request. */
    sealed interface Reply {
        record Ok(JsonNode body) implements Reply {
        }

        record Failed(OpType type, String error) implements Reply {
        }
    }

    private final HttpClient http;
    /** False when {@link #http} is shared ({@link RaftstoreConnections}) and closed by its owner. */
    private final boolean owned;
    private final ObjectMapper json;
    private final String base;
    private final Duration timeout;

    RaftstoreHttp(String address, ObjectMapper json, Duration connectTimeout, Duration timeout) {
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build(), true,
                address, json, timeout);
    }

    /** Over a client shared with other processes: closing this leaves {@code shared} open. */
    RaftstoreHttp(HttpClient shared, String address, ObjectMapper json, Duration timeout) {
        this(shared, false, address, json, timeout);
    }

    private RaftstoreHttp(HttpClient http, boolean owned, String address, ObjectMapper json, Duration timeout) {
        this.http = http;
        this.owned = owned;
        this.json = json;
        this.base = "http://" + address;
        this.timeout = timeout;
    }

    ObjectMapper json() {
        return json;
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), false);
    }

    /** A POST or PUT; {@code mutating} says whether it may change state (a txn that only reads does not). */
    Reply send(String method, String path, Object body, boolean mutating) {
        return send(method, path, body, mutating, null, 0, timeout);
    }

    /**
     * As above, as command {@code seq} of the client session {@code clientId} (null: no session),
     * so that raftstore applies a re-sent command once and answers it with the first result, waiting
     * at most {@code patience} for the answer.
     */
    Reply send(String method, String path, Object body, boolean mutating, String clientId, long seq, Duration patience) {
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (IOException e) {
            return new Reply.Failed(OpType.FAIL, "cannot encode request: " + e.getMessage());
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(text));
        if (clientId != null) b.header("Client-Id", clientId).header("Client-Seq", Long.toString(seq));
        return send(b, mutating, patience);
    }

    private Reply send(HttpRequest.Builder builder, boolean mutating) {
        return send(builder, mutating, timeout);
    }

    private Reply send(HttpRequest.Builder builder, boolean mutating, Duration patience) {
        OpType unknown = mutating ? OpType.INFO : OpType.FAIL;
        HttpResponse<String> resp;
        try {
            resp = http.send(builder.timeout(patience).build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            return new Reply.Failed(OpType.FAIL, "connect timed out");
        } catch (HttpTimeoutException e) {
            return new Reply.Failed(unknown, Errors.TIMED_OUT);
        } catch (ConnectException e) {
            return new Reply.Failed(OpType.FAIL, "connection refused");
        } catch (UnresolvedAddressException e) {
            return new Reply.Failed(OpType.FAIL, "unresolved address " + base);
        } catch (IOException e) {
            return new Reply.Failed(unknown, "connection lost: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply.Failed(unknown, "interrupted");
        }
        int status = resp.statusCode();
        if (status == 200) {
            JsonNode body;
            try {
                body = json.readTree(resp.body());
            } catch (IOException e) {
                return new Reply.Failed(unknown, "unreadable response: " + e.getMessage());
            }
            // A command re-sent after its session moved on is answered 200 with an error and not
            // applied this time; an earlier copy may have been, so the outcome is unknown.
            if (body != null && body.hasNonNull("error")) return new Reply.Failed(unknown, body.get("error").asText());
            return new Reply.Ok(body);
        }
        String error = "http " + status + ": " + errorText(resp.body());
        return switch (status) {
            case 400, 404, 405, 409, 503 -> new Reply.Failed(OpType.FAIL, error);
            default -> new Reply.Failed(status >= 500 ? unknown : OpType.FAIL, error);
        };
    }

    private String errorText(String body) {
        try {
            JsonNode n = json.readTree(body);
            if (n != null && n.hasNonNull("error")) return n.get("error").asText();
        } catch (IOException e) {
            // not JSON: fall through
        }
        return body.length() > 200 ? body.substring(0, 200) : body;
    }

    @Override
    public void close() {
        if (owned) http.shutdownNow();
    }
}
