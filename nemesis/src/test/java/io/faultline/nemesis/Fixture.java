package io.faultline.nemesis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.env.Environment;
import io.faultline.env.EnvironmentSpec;
import io.faultline.env.Environments;
import io.faultline.env.ExecResult;
import io.faultline.env.Node;
import io.faultline.fault.Nemesis;
import io.faultline.fault.NemesisContext;
import io.faultline.fault.NemesisProvider;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;

/** An environment with the echo store running on every node, and helpers to drive nemeses. */
final class Fixture implements AutoCloseable {
    final Environment env;
    final EchoDb db = new EchoDb();
    final NemesisContext context;

    Fixture(String kind, String runId, int nodes, boolean clock) throws Exception {
        Path dir = Files.createTempDirectory("faultline-nemesis-test-");
        env = Environments.create(new EnvironmentSpec(kind, runId + "-" + ProcessHandle.current().pid(), nodes, dir, clock, true));
        try {
            db.setup(env);
        } catch (Exception e) {
            env.close();
            throw e;
        }
        context = new NemesisContext(env, db, new Random(42), s -> System.out.println("[" + runId + "] " + s));
    }

    static boolean root() {
        return "root".equals(System.getProperty("user.name")) || ProcessHandle.current().info().user().map("root"::equals).orElse(false);
    }

    static Nemesis nemesis(String name, Map<String, String> options) {
        for (NemesisProvider p : ServiceLoader.load(NemesisProvider.class)) {
            if (p.name().equals(name)) {
                return p.create(options);
            }
        }
        throw new AssertionError("no NemesisProvider named " + name + " on the class path");
    }

    Op invoke(Nemesis nemesis, String f, Object value) {
        return nemesis.invoke(context, new Op(0, 0, Op.NEMESIS, OpType.INVOKE, f, null, value, null, null));
    }

    Node node(String name) {
        return env.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    /** Whether {@code from} can open a TCP connection to {@code to}'s echo port, tried from inside from's namespace. */
    boolean reaches(Node from, Node to) throws Exception {
        ExecResult r = from.exec(List.of("timeout", "1.5", "bash", "-c",
                "exec 3<>/dev/tcp/" + to.host() + "/" + EchoDb.PORT + " && echo ping >&3 && head -n1 <&3"));
        return r.ok() && r.stdout().strip().equals("pong");
    }

    /** Every node reaches every other ({@code when}: "before the partition", "after heal"). */
    void assertAllReach(String when) throws Exception {
        for (Node a : env.nodes()) {
            for (Node b : env.nodes()) {
                if (a != b) assertTrue(reaches(a, b), a + " reaches " + b + " " + when);
            }
        }
    }

    /** {@code x} and the other nodes cannot reach each other, while those others still talk; returns the others. */
    List<Node> assertIsolated(Node x) throws Exception {
        List<Node> rest = env.nodes().stream().filter(n -> n != x).toList();
        for (Node other : rest) {
            assertFalse(reaches(x, other), x + " must not reach " + other);
            assertFalse(reaches(other, x), other + " must not reach " + x);
        }
        assertTrue(reaches(rest.get(0), rest.get(1)), "the nodes other than " + x + " still talk");
        return rest;
    }

    /**
     * "a -> b" to whether a reaches b, for every ordered pair, probed in parallel. A pair that
     * did not answer is probed once more: on a loaded machine twenty probes at once can miss
     * their timeout, and a second miss is still a cut link while a hit proves it is not.
     */
    Map<String, Boolean> reachability() throws Exception {
        Map<String, Boolean> result = new java.util.TreeMap<>();
        for (int round = 0; round < 2; round++) {
            Map<String, java.util.concurrent.Future<Boolean>> probes = new java.util.TreeMap<>();
            try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (Node a : env.nodes()) {
                    for (Node b : env.nodes()) {
                        String pair = a.name() + " -> " + b.name();
                        if (a != b && !result.getOrDefault(pair, false)) {
                            probes.put(pair, pool.submit(() -> reaches(a, b)));
                        }
                    }
                }
                for (var e : probes.entrySet()) {
                    result.put(e.getKey(), e.getValue().get());
                }
            }
        }
        return result;
    }

    @Override
    public void close() {
        try {
            db.teardown();
        } finally {
            env.close();
        }
    }
}
