package io.faultline.testing.fake;

import io.faultline.env.Capability;
import io.faultline.env.ClockControl;
import io.faultline.env.Environment;
import io.faultline.env.ExecResult;
import io.faultline.env.LinkControl;
import io.faultline.env.Node;
import io.faultline.env.NodeProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** TEST DOUBLE: an environment whose nodes are names and folders only; nothing runs on them. */
public class FakeEnvironment implements Environment {
    private final List<Node> nodes = new ArrayList<>();
    private volatile boolean closed;

    public FakeEnvironment(int n, Path runDir) {
        for (int i = 1; i <= n; i++) {
            String name = "n" + i;
            Path dir = runDir.resolve("nodes").resolve(name);
            nodes.add(new Node() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public String host() {
                    return "127.0.0.1";
                }

                @Override
                public Path dir() {
                    return dir;
                }

                @Override
                public NodeProcess spawn(List<String> command, Map<String, String> env, Path log) {
                    throw new UnsupportedOperationException("the fake environment runs no processes");
                }

                @Override
                public ExecResult exec(List<String> command) {
                    throw new UnsupportedOperationException("the fake environment runs no commands");
                }
            });
        }
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.KILL);
    }

    @Override
    public String whyMissing(Capability capability) {
        return "test double";
    }

    @Override
    public List<Node> nodes() {
        return nodes;
    }

    @Override
    public String peerAddress(Node from, Node to, int peerPort) {
        return to.host() + ":" + peerPort;
    }

    @Override
    public Optional<LinkControl> links() {
        return Optional.empty();
    }

    @Override
    public Optional<ClockControl> clocks() {
        return Optional.empty();
    }

    @Override
    public void close() {
        closed = true;
    }
}
