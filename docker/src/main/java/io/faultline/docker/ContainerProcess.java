package io.faultline.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.faultline.env.AttachedProcess;
import io.faultline.env.ExecResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A long-running process started with {@code docker exec} and kept attached: the attach stream
 * ends exactly when the process exits, so {@link #isAlive()} costs nothing. The process prints
 * its pid first and then execs the command with its output appended to the log (a file in the
 * bind-mounted node folder); signals go to that pid with {@code kill} inside the container.
 */
final class ContainerProcess extends AttachedProcess {
    /** $1 is the log, the rest the command; exec keeps the pid so signals reach the program. */
    private static final String LAUNCHER = "echo $$; log=\"$1\"; shift; exec \"$@\" >>\"$log\" 2>&1 </dev/null";

    private final ContainerExec exec;
    private final ResultCallback.Adapter<Frame> attachment;

    private ContainerProcess(ContainerExec exec, String label, long pid, ResultCallback.Adapter<Frame> attachment) {
        super(label, pid);
        this.exec = exec;
        this.attachment = attachment;
    }

    static ContainerProcess start(ContainerExec exec, String label, List<String> command, List<String> env, Path log)
            throws IOException {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", LAUNCHER, "faultline-launch", log.toString()));
        argv.addAll(command);
        String execId = exec.client().execCreateCmd(exec.containerId()).withCmd(argv.toArray(String[]::new))
                .withEnv(env).withAttachStdout(true).withAttachStderr(true).exec().getId();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        CompletableFuture<Long> pid = new CompletableFuture<>();
        StringBuilder first = new StringBuilder();
        ResultCallback.Adapter<Frame> attachment = exec.client().execStartCmd(execId).exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                if (pid.isDone()) {
                    return;
                }
                first.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                int nl = first.indexOf("\n");
                if (nl >= 0) {
                    try {
                        pid.complete(Long.parseLong(first.substring(0, nl).strip()));
                    } catch (NumberFormatException e) {
                        pid.completeExceptionally(new IOException("launcher printed '" + first + "' instead of a pid"));
                    }
                }
            }

            @Override
            public void onError(Throwable t) {
                pid.completeExceptionally(t);
                ended.complete(null);
            }

            @Override
            public void onComplete() {
                pid.completeExceptionally(new IOException("process ended before printing its pid: " + first));
                ended.complete(null);
            }
        });
        try {
            ContainerProcess p = new ContainerProcess(exec, label, pid.get(SIGNAL_LIMIT.toSeconds(), TimeUnit.SECONDS), attachment);
            ended.thenRun(p::exited);
            return p;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted starting " + label, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("cannot start " + label + " in container " + exec.shortId() + ": " + e, e);
        }
    }

    @Override
    protected ExecResult runThere(List<String> command) throws IOException, InterruptedException {
        return exec.run(command, List.of(), SIGNAL_LIMIT);
    }

    @Override
    protected String where() {
        return "in container " + exec.shortId();
    }

    @Override
    protected void detach() {
        try {
            attachment.close();
        } catch (IOException e) {
            // The stream already ended with the process; nothing is left to release.
        }
    }
}
