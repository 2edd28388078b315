package io.faultline.ssh;

import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;

/** The ssh end-to-end runs with the hosts as network namespaces, each running its own sshd (no Docker needed). */
class NamespaceSshEndToEndTest extends SshEndToEndRuns {
    @BeforeAll
    static void startHosts() throws Exception {
        SshdHosts.require();
        home = home();
        hosts = SshdHosts.start("sshe2e" + (ProcessHandle.current().pid() % 1000), 3, Files.createTempDirectory("faultline-sshd-"));
    }
}
