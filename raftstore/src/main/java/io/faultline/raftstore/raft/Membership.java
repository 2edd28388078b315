package io.faultline.raftstore.raft;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The voting members of the cluster. The value of each member is an address string the core
 * does not interpret (the node loop stores "peerHost:port|clientHost:port" there), so that a
 * membership change carries everything a new configuration needs to reach its members.
 */
public record Membership(Map<String, String> members) {
    public Membership {
        members = Collections.unmodifiableMap(new TreeMap<>(members));
    }

    public boolean contains(String id) {
        return members.containsKey(id);
    }

    public int quorum() {
        return members.size() / 2 + 1;
    }

    public Membership with(String id, String address) {
        var m = new TreeMap<>(members);
        m.put(id, address);
        return new Membership(m);
    }

    public Membership without(String id) {
        var m = new TreeMap<>(members);
        m.remove(id);
        return new Membership(m);
    }

    /** Lines of "id=address"; ids and addresses never contain '=' or newlines. */
    public byte[] encode() {
        var out = new ByteArrayOutputStream();
        for (var e : members.entrySet()) {
            out.writeBytes((e.getKey() + "=" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    public static Membership decode(byte[] data) {
        var m = new TreeMap<String, String>();
        for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) continue;
            int eq = line.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("bad membership line: " + line);
            m.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return new Membership(m);
    }
}
