package io.faultline.ssh;

import io.faultline.env.Environment;
import io.faultline.env.EnvironmentException;
import io.faultline.env.ExecResult;
import io.faultline.fault.Nemesis;
import io.faultline.preflight.Check;
import io.faultline.preflight.Need;
import io.faultline.preflight.Tool;
import io.faultline.runner.EnvironmentProvider;
import io.faultline.runner.EnvironmentRequest;
import io.faultline.runner.RemoteHosts;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Remote hosts over SSH ({@code --env ssh}). Nothing is needed on this machine beyond the JVM; what
 * the hosts need is checked when the environment is created, host by host, before any node starts.
 */
public final class SshEnvironmentProvider implements EnvironmentProvider {
    @Override
    public List<String> kinds() {
        return List.of("ssh");
    }

    @Override
    public Environment create(EnvironmentRequest request) {
        return SshEnvironment.create(request);
    }

    @Override
    public List<Need> needs(String kind, String store, List<Nemesis> nemeses, List<Tool> storeTools) {
        return List.of();
    }

    @Override
    public String title() {
        return "remote hosts over SSH (--env ssh)";
    }

    /**
     * Doctor does not know the hosts; what they need is checked at the start of every ssh run. It
     * says what this machine brings: the SSH client and the keys it would offer.
     */
    @Override
    public List<Check> doctor() {
        java.nio.file.Path ssh = java.nio.file.Path.of(System.getProperty("user.home"), ".ssh");
        List<String> keys = java.util.stream.Stream.of("id_ed25519", "id_ecdsa", "id_rsa")
                .filter(k -> java.nio.file.Files.isReadable(ssh.resolve(k))).toList();
        String agent = System.getenv("SSH_AUTH_SOCK");
        boolean agentSet = agent != null && !agent.isBlank();
        String version = org.apache.sshd.client.SshClient.class.getPackage().getImplementationVersion();
        return List.of(
                new Check("ssh client", Check.Status.OK, "Apache MINA SSHD " + (version == null ? "" : version)
                        + "; hosts are checked when a run starts (login, sudo, iptables, tar, Java/etcd)", "", false),
                new Check("ssh keys", keys.isEmpty() && !agentSet ? Check.Status.MISSING : Check.Status.OK,
                        keys.isEmpty() && !agentSet ? "no SSH agent ($SSH_AUTH_SOCK) and no ~/.ssh/id_ed25519, id_ecdsa or id_rsa"
                                + " (or pass --ssh-key FILE)"
                                : "would offer " + (agentSet ? "the SSH agent's keys (" + agent + ")" + (keys.isEmpty() ? "" : ", then ") : "")
                                + (keys.isEmpty() ? "" : String.join(", ", keys) + " from " + ssh),
                        keys.isEmpty() && !agentSet ? "ssh-keygen -t ed25519" : "", false));
    }

    @Override
    public List<String> removeLeftovers(boolean all, boolean dryRun) {
        return List.of();
    }

    /** With hosts given: connects to each and removes what runs left there (state files, processes, chains). */
    @Override
    public List<String> removeLeftovers(boolean all, boolean dryRun, Map<String, String> settings) {
        if (!settings.containsKey("hosts")) return List.of();
        RemoteHosts rh = RemoteHosts.fromSettings(settings);
        List<String> lines = new ArrayList<>();
        try (SshConnector connector = new SshConnector(rh)) {
            for (RemoteHosts.Host h : rh.hosts()) {
                try (SshHost host = connector.connect(h)) {
                    ExecResult r = host.runPrivileged(RemoteCleanup.script(RemoteCleanup.BASE + "/*.state", !all, dryRun),
                            Duration.ofMinutes(2));
                    r.stdout().lines().filter(l -> !l.isBlank()).forEach(l -> lines.add("ssh " + h + ": " + l));
                    if (!r.ok()) throw host.failure("cleanup", r);
                } catch (IOException e) {
                    throw new EnvironmentException("host " + h + ": cleanup failed: " + e.getMessage(), e);
                }
            }
        }
        return lines;
    }
}
