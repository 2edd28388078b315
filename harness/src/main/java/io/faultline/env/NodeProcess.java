package io.faultline.env;

import java.time.Duration;

/** A process started on a node; the environment knows how to signal it wherever it runs. */
public interface NodeProcess {
    long pid();

    boolean isAlive();

    /** SIGKILL, then wait until it is gone. */
    void kill();

    /** SIGTERM, wait up to {@code grace}, then SIGKILL. */
    void terminate(Duration grace);

    /** SIGSTOP. */
    void pause();

    /** SIGCONT. */
    void resume();
}
