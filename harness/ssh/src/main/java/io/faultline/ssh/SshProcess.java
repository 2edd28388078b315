package io.faultline.ssh;

import io.faultline.env.AttachedProcess;
import io.faultline.env.ExecResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.channel.ChannelExec;

/**
 * A node process on a remote host, started on its own channel of the host's session and kept
 * attached: the channel closes exactly when the process exits, so {@link #isAlive()} costs no
 * round trip. The launcher records the pid in the host's state file, prints it, and execs the
 * program with its output appended to the log on the host; signals go to that pid with kill.
 */
final class SshProcess extends AttachedProcess {
    private final SshHost host;
    private final ChannelExec channel;

    private SshProcess(SshHost host, String label, long pid, ChannelExec channel) {
        super(label, pid);
        this.host = host;
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
                p.exited();
                Thread.ofVirtual().name("faultline-ssh-exit-" + p.pid()).start(onExit);
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
    public boolean isAlive() {
        return super.isAlive() && !channel.isClosed();
    }

    @Override
    protected ExecResult runThere(List<String> command) throws IOException {
        return host.run(Shell.join(command), SIGNAL_LIMIT);
    }

    @Override
    protected String where() {
        return "on host " + host;
    }
}
