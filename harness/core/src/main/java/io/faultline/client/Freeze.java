package io.faultline.client;

/**
 * What {@link Client#freeze} did.
 *
 * @param frozen true when the client's background work is stopped
 * @param detail what was stopped (evidence), or why nothing could be
 */
public record Freeze(boolean frozen, String detail) {
    public static Freeze done(String evidence) {
        return new Freeze(true, evidence);
    }

    public static Freeze refused(String reason) {
        return new Freeze(false, reason);
    }
}
