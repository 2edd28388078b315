package io.faultline.raftstore.storage;

import java.nio.file.Path;

/** A damaged record that is not a torn tail: start-up must stop rather than lose data silently. */
public final class CorruptLogException extends RuntimeException {
    public CorruptLogException(Path file, long offset, String what) {
        super(file + ": offset " + offset + ": " + what
                + " (not a torn last write; refusing to start. Restore the data directory or remove the node and re-add it)");
    }
}
