package io.faultline.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.faultline.env.ExecResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Short commands run inside a container with {@code docker exec}, bounded in time. */
record ContainerExec(DockerClient client, String containerId) {
    ExecResult run(List<String> command, List<String> env, Duration limit) throws IOException, InterruptedException {
        String execId = client.execCreateCmd(containerId).withCmd(command.toArray(String[]::new)).withEnv(env)
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ResultCallback.Adapter<Frame> done = client.execStartCmd(execId).exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                (frame.getStreamType() == StreamType.STDERR ? err : out).writeBytes(frame.getPayload());
            }
        })) {
            if (!done.awaitCompletion(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("'" + String.join(" ", command) + "' in container " + shortId()
                        + " did not finish within " + limit.toSeconds() + " s");
            }
        }
        InspectExecResponse r = client.inspectExecCmd(execId).exec();
        Long code = r.getExitCodeLong();
        return new ExecResult(code == null ? -1 : code.intValue(), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    String shortId() {
        return containerId.substring(0, Math.min(12, containerId.length()));
    }
}
