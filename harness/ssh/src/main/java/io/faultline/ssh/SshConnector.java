package io.faultline.ssh;

import io.faultline.env.EnvironmentException;
import io.faultline.runner.RemoteHosts;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;

/**
 * Opens the one session per host a run uses, refusing what OpenSSH would refuse: a host key not in
 * known_hosts (unless accept-new, which records it), and a changed key, named with both
 * fingerprints. Each failure says which host and what to do about it.
 */
final class SshConnector implements AutoCloseable {
    private static final Duration CONNECT_LIMIT = Duration.ofSeconds(10);
    private static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private final RemoteHosts hosts;
    private final Path knownHosts;
    private final SshClient client;
    /** Why the last host key was refused; connects run one at a time, so one slot is enough. */
    private final AtomicReference<String> refusal = new AtomicReference<>();

    /** What was offered to log in, for the refusal: the key file, or the agent and ~/.ssh/id_*. */
    private final String offered;

    /** Logs in with {@code --ssh-key}, else with the agent at {@code $SSH_AUTH_SOCK} (when set) and ~/.ssh/id_*. */
    SshConnector(RemoteHosts hosts) {
        this(hosts, Optional.ofNullable(System.getenv("SSH_AUTH_SOCK")).filter(s -> !s.isBlank()).map(Path::of));
    }

    /** @param agent the SSH agent's socket, used only when no key file was given */
    SshConnector(RemoteHosts hosts, Optional<Path> agent) {
        this.hosts = hosts;
        Path home = Path.of(System.getProperty("user.home"));
        this.knownHosts = hosts.knownHosts().orElse(home.resolve(".ssh").resolve("known_hosts")).toAbsolutePath();
        List<Path> keys = new ArrayList<>();
        if (hosts.key().isPresent()) {
            Path k = hosts.key().get();
            if (!Files.isReadable(k)) {
                throw new EnvironmentException("--ssh-key " + k + ": no such readable file");
            }
            keys.add(k);
        } else {
            DEFAULT_KEYS.stream().map(n -> home.resolve(".ssh").resolve(n)).filter(Files::isReadable).forEach(keys::add);
        }
        client = SshClient.setUpDefaultClient();
        // Only what the flags say: no ~/.ssh/config rewriting host names, users or keys behind our back.
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(new FileKeyPairProvider(keys));
        // MINA offers the agent's keys first, then the files (as OpenSSH does); with --ssh-key, that key only.
        Optional<Path> usedAgent = hosts.key().isPresent() ? Optional.empty() : agent;
        client.setAgentFactory(usedAgent.map(AgentSocket::factory).orElse(null));
        List<String> what = new ArrayList<>();
        usedAgent.ifPresent(a -> what.add("the SSH agent's keys (" + a + ")"));
        if (!keys.isEmpty() || hosts.key().isPresent()) what.add(String.join(", ", keys.stream().map(Path::toString).toList()));
        this.offered = what.isEmpty() ? "no key (no --ssh-key, no $SSH_AUTH_SOCK, no ~/.ssh/id_ed25519, id_ecdsa or id_rsa)"
                : String.join(" and ", what);
        if (hosts.acceptNew()) {
            try {
                Files.createDirectories(knownHosts.getParent());
            } catch (IOException e) {
                throw new EnvironmentException("cannot create " + knownHosts.getParent() + " for --ssh-accept-new: " + e.getMessage(), e);
            }
        }
        KnownHostsServerKeyVerifier verifier = new KnownHostsServerKeyVerifier((session, addr, key) -> {
            if (hosts.acceptNew()) return true; // the verifier then appends the host to known_hosts
            refusal.set("its host key (" + KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key) + ") is not in "
                    + knownHosts + ": check the fingerprint on the host (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) and add it"
                    + " (ssh-keyscan -p PORT HOST >> " + knownHosts + "), or pass --ssh-accept-new to trust a host seen for the first time");
            return false;
        }, knownHosts);
        verifier.setModifiedServerKeyAcceptor((session, addr, entry, expected, actual) -> {
            refusal.set("its host key CHANGED: " + knownHosts + " has " + KeyUtils.getKeyType(expected) + " "
                    + KeyUtils.getFingerPrint(expected) + ", the host offered " + KeyUtils.getKeyType(actual) + " "
                    + KeyUtils.getFingerPrint(actual) + " (someone may be intercepting; if the host was reinstalled,"
                    + " remove the old entry with ssh-keygen -R HOST -f " + knownHosts + ")");
            return false;
        });
        client.setServerKeyVerifier(verifier);
        client.start();
    }

    Path knownHosts() {
        return knownHosts;
    }

    /** Connects and logs in, or throws naming the host and the fix. */
    SshHost connect(RemoteHosts.Host h) {
        String address;
        try {
            address = InetAddress.getByName(h.name()).getHostAddress();
        } catch (UnknownHostException e) {
            throw new EnvironmentException("host " + h + ": the name does not resolve on this machine (check --hosts)");
        }
        refusal.set(null);
        ClientSession session;
        try {
            session = client.connect(hosts.user(), h.name(), h.port()).verify(CONNECT_LIMIT).getSession();
        } catch (IOException e) {
            if (refusal.get() != null) throw new EnvironmentException("host " + h + " refused: " + refusal.get(), e);
            throw new EnvironmentException("host " + h + ": cannot reach sshd on port " + h.port() + " (" + rootCause(e)
                    + "): check that the host is up, that sshd runs there and that no firewall blocks the port", e);
        }
        try {
            session.auth().verify(CONNECT_LIMIT);
        } catch (IOException e) {
            try {
                session.close();
            } catch (IOException ignored) {
                // closing a failed session: nothing left to release
            }
            String why = refusal.get();
            if (why != null) {
                throw new EnvironmentException("host " + h + " refused: " + why, e);
            }
            throw new EnvironmentException("host " + h + ": login as " + hosts.user() + " refused (" + rootCause(e)
                    + "; offered " + offered + "): add the public key to ~" + hosts.user()
                    + "/.ssh/authorized_keys there, or pass --ssh-user/--ssh-key", e);
        }
        return new SshHost(h, address, session, hosts.sudo());
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        if (t instanceof ConnectException || t instanceof NoRouteToHostException) return t.getClass().getSimpleName() + ": " + t.getMessage();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public void close() {
        client.stop();
    }
}
