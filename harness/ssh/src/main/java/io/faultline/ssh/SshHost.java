package io.faultline.ssh;

import io.faultline.env.EnvironmentException;
import io.faultline.env.ExecResult;
import io.faultline.runner.RemoteHosts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/**
 * One remote host and the one SSH session the run keeps to it: every command, upload and node
 * process is a channel of that session, so a nemesis acting on five hosts pays no handshake.
 * Privileged commands (iptables, cleanup) go through {@code sudo -n} when the login is not root.
 */
final class SshHost implements AutoCloseable {
    private final RemoteHosts.Host target;
    private final String address;
    private final ClientSession session;
    private final boolean sudo;

    SshHost(RemoteHosts.Host target, String address, ClientSession session, boolean sudo) {
        this.target = target;
        this.address = address;
        this.session = session;
        this.sudo = sudo;
    }

    RemoteHosts.Host target() {
        return target;
    }

    /** The address the host name resolved to on this machine: what clients and grudges use. */
    String address() {
        return address;
    }

    ClientSession session() {
        return session;
    }

    /** Runs {@code command} through the host's shell and waits for it. */
    ExecResult run(String command, Duration limit) throws IOException {
        return run(command, InputStream.nullInputStream(), limit);
    }

    ExecResult run(String command, InputStream stdin, Duration limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(command, stdin, out, err, limit);
        return new ExecResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    int run(String command, InputStream stdin, OutputStream out, OutputStream err, Duration limit) throws IOException {
        try (ChannelExec ch = session.createExecChannel(command)) {
            ch.setIn(stdin);
            ch.setOut(out);
            ch.setErr(err);
            ch.open().verify(Duration.ofSeconds(15));
            Set<ClientChannelEvent> ev = ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), limit.toMillis());
            if (ev.contains(ClientChannelEvent.TIMEOUT)) {
                throw new IOException("'" + abbreviate(command) + "' on " + target + " did not finish within "
                        + limit.toSeconds() + " s");
            }
            Integer status = ch.getExitStatus();
            return status == null ? 255 : status;
        }
    }

    /** Runs a command as root: as is when the login is root, else through {@code sudo -n}. */
    ExecResult runPrivileged(String command, Duration limit) throws IOException {
        return run(privileged(command), limit);
    }

    String privileged(String command) {
        return sudo ? "sudo -n sh -c " + Shell.quote(command) : command;
    }

    /** Writes {@code content} to {@code remoteFile} in one rename, so a reader never sees half of it. */
    void writeFile(String remoteFile, String content) throws IOException {
        String tmp = remoteFile + ".tmp";
        ExecResult r = run("cat > " + Shell.quote(tmp) + " && mv -f " + Shell.quote(tmp) + " " + Shell.quote(remoteFile),
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), Duration.ofSeconds(30));
        if (!r.ok()) throw new IOException("writing " + remoteFile + " on " + target + " failed: " + r.stderr().strip());
    }

    /** Opens a channel for a long-running command whose stdout the caller reads. */
    ChannelExec open(String command, OutputStream out) throws IOException {
        ChannelExec ch = session.createExecChannel(command);
        ch.setIn(InputStream.nullInputStream());
        ch.setOut(out);
        ch.setErr(out);
        ch.open().verify(Duration.ofSeconds(15));
        return ch;
    }

    EnvironmentException failure(String what, ExecResult r) {
        return new EnvironmentException(what + " on host " + target + " failed (exit " + r.exitCode() + "): "
                + (r.stderr().isBlank() ? r.stdout().strip() : r.stderr().strip()));
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    @Override
    public void close() {
        // Immediately: every channel that mattered has finished; a graceful close only waits longer.
        session.close(true);
    }

    @Override
    public String toString() {
        return target.toString();
    }
}
