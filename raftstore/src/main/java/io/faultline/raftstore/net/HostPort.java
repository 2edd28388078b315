package io.faultline.raftstore.net;

/** "host:port", parsed with an error that names the flag. */
public record HostPort(String host, int port) {
    public static HostPort parse(String flag, String s) {
        int c = s == null ? -1 : s.lastIndexOf(':');
        if (c <= 0 || c == s.length() - 1) {
            throw new IllegalArgumentException(flag + ": expected HOST:PORT, got \"" + s + "\"");
        }
        try {
            int p = Integer.parseInt(s.substring(c + 1));
            if (p < 0 || p > 65535) throw new NumberFormatException();
            return new HostPort(s.substring(0, c), p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": port must be 0..65535 in \"" + s + "\"");
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
