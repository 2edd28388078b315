package io.faultline.ssh;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import io.faultline.docker.DockerCleanup;
import io.faultline.docker.DockerEngine;
import io.faultline.docker.DockerImages;
import io.faultline.runner.RemoteHosts;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * The ssh end-to-end runs with the hosts as three containers of {@code faultline/sshd} on a Docker
 * network of their own, each an independent host (own filesystem, process table, iptables), reached
 * only over SSH with a key pair generated here. First contact records the hosts' keys
 * (accept-new into a known_hosts of the test's own); the namespace variant checks refusals.
 */
@Tag("docker")
class DockerSshEndToEndTest extends SshEndToEndRuns {

    @BeforeAll
    static void startHosts() throws Exception {
        String image = "faultline/sshd:" + Optional.ofNullable(System.getenv(DockerImages.VERSION_VARIABLE)).orElse(DockerImages.VERSION);
        Optional<String> why = DockerEngine.whyNotReady(List.of(image));
        if (why.isPresent() && DockerEngine.underCi()) {
            org.junit.jupiter.api.Assertions.fail("CI=true, and the docker ssh tests cannot run: " + why.get());
        }
        Assumptions.assumeTrue(why.isEmpty(), () -> "docker ssh tests skipped: " + why.orElse(""));
        home = home();
        hosts = ContainerHosts.start(image, "sshdk" + (ProcessHandle.current().pid() % 1000), 3,
                Files.createTempDirectory("faultline-sshd-"));
    }

    /** Three containers labelled faultline=ID (so ./faultline cleanup removes them too) on network faultline-ID. */
    private record ContainerHosts(DockerClient client, String id, RemoteHosts remoteHosts) implements TestHosts {
        static ContainerHosts start(String image, String id, int count, Path dir) throws Exception {
            Process kg = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("client_key").toString())
                    .redirectErrorStream(true).start();
            if (kg.waitFor() != 0) throw new AssertionError("ssh-keygen failed: " + new String(kg.getInputStream().readAllBytes()));
            Path keys = dir.resolve("authorized_keys");
            Files.copy(dir.resolve("client_key.pub"), keys);
            DockerClient client = DockerEngine.connect().client();
            Map<String, String> labels = Map.of(DockerCleanup.LABEL, id);
            String net = "faultline-" + id;
            try {
                client.createNetworkCmd().withName(net).withDriver("bridge").withLabels(labels).exec();
                List<RemoteHosts.Host> hosts = new ArrayList<>();
                for (int i = 1; i <= count; i++) {
                    String c = client.createContainerCmd(image).withName(net + "-h" + i).withHostName("h" + i).withLabels(labels)
                            .withHostConfig(HostConfig.newHostConfig().withNetworkMode(net).withCapAdd(Capability.NET_ADMIN))
                            .exec().getId();
                    client.copyArchiveToContainerCmd(c).withHostResource(keys.toString()).withRemotePath("/root/.ssh").exec();
                    client.startContainerCmd(c).exec();
                    String addr = client.inspectContainerCmd(c).exec().getNetworkSettings().getNetworks().get(net).getIpAddress();
                    awaitSsh(addr);
                    hosts.add(new RemoteHosts.Host(addr, 22));
                }
                return new ContainerHosts(client, id, new RemoteHosts(hosts, "root", Optional.of(dir.resolve("client_key")), 22,
                        false, true, Optional.of(dir.resolve("known_hosts")), Optional.empty()));
            } catch (Exception | AssertionError e) {
                DockerCleanup.remove(client, Optional.of(id));
                throw e;
            }
        }

        private static void awaitSsh(String addr) throws Exception {
            long end = System.nanoTime() + 30_000_000_000L;
            while (true) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(addr, 22), 500);
                    return;
                } catch (java.io.IOException e) {
                    if (System.nanoTime() > end) throw new AssertionError("sshd in the container at " + addr + " did not listen in 30 s", e);
                    Thread.sleep(200);
                }
            }
        }

        @Override
        public void close() {
            DockerCleanup.remove(client, Optional.of(id));
        }
    }
}
