package io.faultline.junit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands for "your service": a tiny client of raftstore's HTTP API, written as a user would,
 * without faultline's clients. Any error is an exception; the recorder turns it into info.
 */
final class KvService {
    private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*(null|\"([^\"]*)\")");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private final String address;

    KvService(String address) {
        this.address = address;
    }

    void put(String key, String value) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(uri(key)).PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"" + value + "\"}")));
    }

    String get(String key) throws IOException, InterruptedException {
        return read(uri(key));
    }

    /** A read from the node's own state, without asking the leader (raftstore's serializable mode). */
    String getSerializable(String key) throws IOException, InterruptedException {
        return read(URI.create("http://" + address + "/kv/" + key + "?consistency=serializable"));
    }

    private String read(URI uri) throws IOException, InterruptedException {
        String body = send(HttpRequest.newBuilder(uri).GET());
        Matcher m = VALUE.matcher(body);
        if (!m.find()) {
            throw new IOException("unexpected answer " + body);
        }
        return m.group(2);
    }

    private URI uri(String key) {
        return URI.create("http://" + address + "/kv/" + key);
    }

    private String send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(1)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("HTTP " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
