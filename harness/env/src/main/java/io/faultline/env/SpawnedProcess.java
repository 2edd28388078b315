package io.faultline.env;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node process the harness started. Signals go to the process and its descendants, so a store
 * launched through a wrapper script is stopped and killed as a whole.
 */
final class SpawnedProcess implements NodeProcess {
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final Process process;
    private final String description;

    SpawnedProcess(Process process, String description) {
        this.process = process;
        this.description = description;
    }

    Process process() {
        return process;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void kill() {
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroyForcibly);
        awaitGone(tree, KILL_WAIT);
    }

    @Override
    public void terminate(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroy);
        // A paused process keeps SIGTERM pending until it runs again.
        signal(tree, "CONT");
        if (!awaitGone(tree, grace)) {
            kill();
        }
    }

    @Override
    public void pause() {
        signal(tree(), "STOP");
    }

    @Override
    public void resume() {
        signal(tree(), "CONT");
    }

    @Override
    public String state() {
        return ProcState.of(pid());
    }

    @Override
    public String toString() {
        return description + " (pid " + pid() + ")";
    }

    private List<ProcessHandle> tree() {
        List<ProcessHandle> all = new java.util.ArrayList<>();
        all.add(process.toHandle());
        process.descendants().forEach(all::add);
        return all;
    }

    private static boolean awaitGone(List<ProcessHandle> tree, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (ProcessHandle h : tree) {
            long left = deadline - System.nanoTime();
            try {
                h.onExit().get(Math.max(left, 1), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                return false;
            } catch (java.util.concurrent.ExecutionException e) {
                // onExit never fails; treat as gone.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void signal(List<ProcessHandle> tree, String signal) {
        List<String> cmd = new java.util.ArrayList<>(List.of("kill", "-s", signal));
        for (ProcessHandle h : tree) {
            if (h.isAlive()) {
                cmd.add(Long.toString(h.pid()));
            }
        }
        if (cmd.size() == 3) {
            return;
        }
        try {
            ExecResult r = HostCommand.run(cmd);
            // A process may exit between the liveness check and kill (a SIGTERM just sent, say).
            if (!r.ok() && process.isAlive() && !r.failedOnGoneProcesses()) {
                throw new EnvironmentException("kill -s " + signal + " " + this + " failed: " + r.stderr().strip());
            }
        } catch (java.io.IOException e) {
            throw new EnvironmentException("cannot send SIG" + signal + " to " + this + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("interrupted sending SIG" + signal + " to " + this, e);
        }
    }
}
