package io.faultline.ssh;

import io.faultline.runner.RemoteHosts;
import java.util.Map;

/** Hosts a test made for --env ssh (namespaces running sshd, or containers), and how to log in to them. */
public interface TestHosts extends AutoCloseable {
    RemoteHosts remoteHosts();

    default Map<String, String> settings() {
        return remoteHosts().settings();
    }

    default java.util.List<String> addresses() {
        return remoteHosts().hosts().stream().map(RemoteHosts.Host::name).toList();
    }

    @Override
    void close();
}
