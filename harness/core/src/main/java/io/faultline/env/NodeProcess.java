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

    /**
     * The kernel's state letter for the process ({@code /proc/PID/stat}): "R" running, "S" asleep,
     * "T" stopped, "Z" zombie; "" once it is gone or when the state cannot be read. Lets a nemesis
     * see that a pause took effect instead of trusting that the signal was sent.
     */
    String state();
}
