package io.faultline.ssh;

import io.faultline.env.EnvironmentException;
import io.faultline.env.ExecResult;
import io.faultline.env.NodeProcess;
import io.faultline.env.ProcState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.channel.ChannelExec;

/**
 * A node process on a remote host, started on its own channel of the host's session and kept
 * attached: the channel closes exactly when the process exits, so {@link #isAlive()} costs no
 * round trip. The launcher records the pid in the host's state file, prints it, and execs the
 * program with its output appended to the log on the host; signals go to that pid with kill.
 */
final class SshProcess implements NodeProcess {
    private static final Duration SIGNAL_LIMIT = Duration.ofSeconds(10);
    private static final Duration EXIT_LIMIT = Duration.ofSeconds(15);

    private final SshHost host;
    private final String label;
    private final long pid;
    private final ChannelExec channel;
    private final CountDownLatch exited = new CountDownLatch(1);

    private SshProcess(SshHost host, String label, long pid, ChannelExec channel) {
        this.host = host;
        this.label = label;
        this.pid = pid;
        this.channel = channel;
    }

    /**
     * @param launch a shell command that prints its pid on the first line, then execs the program
     * @param onExit run (on its own thread) once the process has exited, e.g. to fetch its log
     */
    static SshProcess start(SshHost host, String label, String launch, Runnable onExit) throws IOException {
        CompletableFuture<Long> pid = new CompletableFuture<>();
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public synchronized void write(int b) {
                if (pid.isDone()) return;
                if (b == '\n') {
                    String line = first.toString(StandardCharsets.UTF_8).strip();
                    try {
                        pid.complete(Long.parseLong(line));
                    } catch (NumberFormatException e) {
                        pid.completeExceptionally(new IOException("launcher printed '" + line + "' instead of a pid"));
                    }
                } else {
                    first.write(b);
                }
            }
        };
        ChannelExec ch = host.open(launch, out);
        try {
            SshProcess p = new SshProcess(host, label, pid.get(SIGNAL_LIMIT.toSeconds(), TimeUnit.SECONDS), ch);
            ch.addCloseFutureListener(f -> {
                p.exited.countDown();
                Thread.ofVirtual().name("faultline-ssh-exit-" + p.pid).start(onExit);
            });
            return p;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ch.close(true);
            throw new IOException("interrupted starting " + label, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            ch.close(true);
            throw new IOException("cannot start " + label + " on host " + host + ": " + e.getMessage()
                    + (first.size() > 0 ? " (" + first.toString(StandardCharsets.UTF_8).strip() + ")" : ""), e);
        }
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public boolean isAlive() {
        return exited.getCount() > 0 && !channel.isClosed();
    }

    @Override
    public void kill() {
        if (!isAlive()) return;
        signal("KILL");
        if (!awaitExit(EXIT_LIMIT)) {
            throw new EnvironmentException(label + " (pid " + pid + " on host " + host + ") is still running "
                    + EXIT_LIMIT.toSeconds() + " s after SIGKILL");
        }
    }

    @Override
    public void terminate(Duration grace) {
        if (!isAlive()) return;
        signal("TERM");
        if (!awaitExit(grace)) kill();
    }

    @Override
    public void pause() {
        signal("STOP");
    }

    @Override
    public void resume() {
        signal("CONT");
    }

    @Override
    public String state() {
        if (!isAlive()) return "";
        try {
            ExecResult r = host.run("cat /proc/" + pid + "/stat", SIGNAL_LIMIT);
            return r.ok() ? ProcState.parse(r.stdout()) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private boolean awaitExit(Duration limit) {
        try {
            return exited.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void signal(String name) {
        if (!isAlive()) return;
        try {
            ExecResult r = host.run("kill -" + name + " " + pid, SIGNAL_LIMIT);
            // It may exit between the liveness check and the signal.
            if (!r.ok() && isAlive() && !r.failedOnGoneProcesses()) {
                throw new EnvironmentException("kill -" + name + " " + pid + " on host " + host + " failed: " + r.stderr().strip());
            }
        } catch (IOException e) {
            throw new EnvironmentException("signalling " + label + " on host " + host + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return label + " (pid " + pid + " on host " + host + ")";
    }
}
