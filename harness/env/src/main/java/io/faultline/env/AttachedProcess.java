package io.faultline.env;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A node process that runs elsewhere (in a container, on a remote host), known by its pid there.
 * It stays attached: the stream it was started on ends exactly when it exits, and whoever sees
 * that calls {@link #exited()}, so {@link #isAlive()} costs no round trip. Signals go to the pid with
 * {@code kill}, and its state is read from {@code /proc}, by short commands run where it runs.
 */
public abstract class AttachedProcess implements NodeProcess {
    protected static final Duration SIGNAL_LIMIT = Duration.ofSeconds(10);
    private static final Duration EXIT_LIMIT = Duration.ofSeconds(15);

    protected final String label;
    private final long pid;
    private final CountDownLatch exited = new CountDownLatch(1);

    protected AttachedProcess(String label, long pid) {
        this.label = label;
        this.pid = pid;
    }

    /** The attached stream ended: the process is gone. */
    protected final void exited() {
        exited.countDown();
    }

    /** Runs a short command where the process runs. */
    protected abstract ExecResult runThere(List<String> command) throws IOException, InterruptedException;

    /** Where the process runs, for messages: "in container 0123abcd", "on host h1". */
    protected abstract String where();

    /** Releases the attachment once the process was seen to exit; nothing to release by default. */
    protected void detach() {
    }

    @Override
    public final long pid() {
        return pid;
    }

    @Override
    public boolean isAlive() {
        return exited.getCount() > 0;
    }

    @Override
    public final void kill() {
        if (!isAlive()) {
            return;
        }
        signal("KILL");
        if (!awaitExit(EXIT_LIMIT)) {
            throw new EnvironmentException(this + " is still running " + EXIT_LIMIT.toSeconds() + " s after SIGKILL");
        }
    }

    @Override
    public final void terminate(Duration grace) {
        if (!isAlive()) {
            return;
        }
        signal("TERM");
        if (!awaitExit(grace)) {
            kill();
        }
    }

    @Override
    public final void pause() {
        signal("STOP");
    }

    @Override
    public final void resume() {
        signal("CONT");
    }

    @Override
    public final String state() {
        if (!isAlive()) {
            return "";
        }
        try {
            ExecResult r = runThere(List.of("cat", "/proc/" + pid + "/stat"));
            return r.ok() ? ProcState.parse(r.stdout()) : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private boolean awaitExit(Duration limit) {
        try {
            boolean gone = exited.await(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (gone) {
                detach();
            }
            return gone;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void signal(String name) {
        if (!isAlive()) {
            return;
        }
        try {
            ExecResult r = runThere(List.of("kill", "-" + name, Long.toString(pid)));
            // It may exit between the liveness check and the signal.
            if (!r.ok() && isAlive() && !r.failedOnGoneProcesses()) {
                throw new EnvironmentException("kill -" + name + " " + pid + " " + where() + " failed: " + r.stderr().strip());
            }
        } catch (IOException e) {
            throw new EnvironmentException("signalling " + label + " " + where() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("interrupted signalling " + label, e);
        }
    }

    @Override
    public String toString() {
        return label + " (pid " + pid + " " + where() + ")";
    }
}
