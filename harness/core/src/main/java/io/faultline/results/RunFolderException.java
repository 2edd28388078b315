package io.faultline.results;

/** A run folder's file is missing or not what a run writes; the message names the file. */
public final class RunFolderException extends Exception {
    public RunFolderException(String message) {
        super(message);
    }
}
