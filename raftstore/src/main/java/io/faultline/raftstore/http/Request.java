package io.faultline.raftstore.http;

import java.util.Map;

/**
 * One parsed HTTP/1.1 request.
 *
 * @param target  the request target as sent: raw path and optional {@code ?query}
 * @param headers header names in lower case; a repeated header keeps its first value
 */
public record Request(String method, String target, Map<String, String> headers, byte[] body) {
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** The raw query string, or null. */
    public String query() {
        int q = target.indexOf('?');
        return q < 0 ? null : target.substring(q + 1);
    }

    /** A header's value by case-insensitive name, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
