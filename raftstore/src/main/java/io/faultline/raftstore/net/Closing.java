package io.faultline.raftstore.net;

import java.io.Closeable;
import java.io.IOException;

/** Closing a socket or server on the way out, where a failure to close changes nothing. */
public final class Closing {
    private Closing() {
    }

    /** Closes {@code c} (null: nothing), ignoring an IOException: the resource is gone either way. */
    public static void quietly(Closeable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
