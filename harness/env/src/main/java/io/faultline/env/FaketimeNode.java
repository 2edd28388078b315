package io.faultline.env;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A node whose processes run under libfaketime with an offset file: a namespace or loopback node
 * on this host, or a container. {@link FaketimeClocks} drives the clocks of either through this.
 */
public interface FaketimeNode extends Node {
    /** The file libfaketime re-reads for this node's offset (written on this host). */
    Path offsetFile();

    /**
     * Replaces the offset file in one rename. A node whose processes run on this machine writes it
     * here; a remote node (ssh) writes it on its host.
     */
    default void writeOffset(long offsetMillis) {
        Faketime.writeOffset(offsetFile(), offsetMillis);
    }

    /** Runs a short command under this node's libfaketime settings, to read its clock back. */
    ExecResult execUnderFaketime(List<String> command) throws IOException, InterruptedException;

    /** Why some process of this node does not follow libfaketime (a Go binary, not preloaded), or empty. */
    Optional<String> whyClockIgnored();
}
