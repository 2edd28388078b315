package io.faultline.nemesis;

import io.faultline.env.ExecResult;
import io.faultline.env.Node;
import io.faultline.env.NodeProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Named nodes for the pure shape tests (grudges, targets); they run nothing. */
final class FakeNodes {
    private FakeNodes() {
    }

    static List<Node> of(int n) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String name = "n" + i;
            String host = "192.0.2." + i;
            nodes.add(new Node() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public String host() {
                    return host;
                }

                @Override
                public Path dir() {
                    return Path.of("/nonexistent", name);
                }

                @Override
                public NodeProcess spawn(List<String> command, Map<String, String> env, Path log) {
                    throw new UnsupportedOperationException("shape tests start nothing");
                }

                @Override
                public ExecResult exec(List<String> command) {
                    throw new UnsupportedOperationException("shape tests run nothing");
                }
            });
        }
        return nodes;
    }
}
