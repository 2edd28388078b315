package io.faultline.stores.raftstore;

import java.util.Optional;

/**
 * What the lock key holds while someone has the lease: the holder's name and the wall-clock
 * millisecond at which its lease ends, as {@code holder=<owner>;expires=<millis>}. A lease lock
 * has no server-side expiry: every client decides "expired" by comparing {@code expiresAtMillis}
 * with its own clock, which is why the holder stops claiming the lock a margin before it.
 *
 * @param owner           unique per acquisition (process, acquisition number and node), so a
 *                        holder recognises its own earlier writes whose answers it never got
 * @param expiresAtMillis end of the lease, {@link System#currentTimeMillis()} scale
 */
record LeaseValue(String owner, long expiresAtMillis) {
    private static final String HOLDER = "holder=";
    private static final String EXPIRES = ";expires=";

    LeaseValue {
        if (owner.isEmpty() || owner.contains(";")) throw new IllegalArgumentException("lease owner '" + owner + "' must be non-empty without ';'");
    }

    String encode() {
        return HOLDER + owner + EXPIRES + expiresAtMillis;
    }

    /** The lease in {@code text}, or empty when the key holds something else. */
    static Optional<LeaseValue> parse(String text) {
        if (text == null || !text.startsWith(HOLDER)) return Optional.empty();
        int at = text.indexOf(EXPIRES);
        if (at <= HOLDER.length()) return Optional.empty();
        try {
            return Optional.of(new LeaseValue(text.substring(HOLDER.length(), at),
                    Long.parseLong(text.substring(at + EXPIRES.length()))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
