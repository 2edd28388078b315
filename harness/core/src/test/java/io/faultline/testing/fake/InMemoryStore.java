package io.faultline.testing.fake;

import io.faultline.client.Client;
import io.faultline.db.Db;
import io.faultline.db.Killable;
import io.faultline.db.LeaderAware;
import io.faultline.env.Environment;
import io.faultline.env.Node;
import io.faultline.history.Errors;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.store.Store;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * TEST DOUBLE: an in-process register store with the raftstore's op semantics, to exercise the
 * runner without processes. Atomic and linearizable, except with {@code staleReads}, where node n2
 * serves reads from a copy that is refreshed only every 50th write (a stale follower). Every 40th
 * write ends {@code info} (applied or not, alternately) to exercise process retirement.
 */
public final class InMemoryStore implements Store {
    private final Map<String, Long> data = new HashMap<>();
    private final Map<String, Long> stale = new HashMap<>();
    private final boolean staleReads;
    private final AtomicLong writes = new AtomicLong();
    private final Set<String> killed = ConcurrentHashMap.newKeySet();
    private final FakeDb db = new FakeDb();
    private volatile boolean tornDown;

    public InMemoryStore(boolean staleReads) {
        this.staleReads = staleReads;
    }

    public boolean tornDown() {
        return tornDown;
    }

    @Override
    public Db db() {
        return db;
    }

    @Override
    public Set<String> workloads() {
        return Set.of("register");
    }

    @Override
    public Client newClient(String workload) {
        return new Client() {
            private String node;

            @Override
            public void open(Node n) {
                node = n.name();
            }

            @Override
            public Op invoke(Op inv) {
                if (killed.contains(node)) return done(inv, OpType.FAIL, inv.value(), "connection refused");
                synchronized (data) {
                    switch (inv.f()) {
                        case "read" -> {
                            Map<String, Long> src = staleReads && node.equals("n2") ? stale : data;
                            return done(inv, OpType.OK, src.get(inv.key()), null);
                        }
                        case "write" -> {
                            long w = writes.incrementAndGet();
                            if (w % 40 == 0) {
                                if (w % 80 == 0) data.put(inv.key(), (Long) inv.value());
                                return done(inv, OpType.INFO, inv.value(), Errors.TIMED_OUT);
                            }
                            data.put(inv.key(), (Long) inv.value());
                            if (w % 50 == 0) {
                                stale.clear();
                                stale.putAll(data);
                            }
                            return done(inv, OpType.OK, inv.value(), null);
                        }
                        case "cas" -> {
                            List<?> pair = (List<?>) inv.value();
                            if (!Objects.equals(data.get(inv.key()), pair.get(0))) {
                                return done(inv, OpType.FAIL, inv.value(), Errors.CAS_MISMATCH);
                            }
                            data.put(inv.key(), (Long) pair.get(1));
                            return done(inv, OpType.OK, inv.value(), null);
                        }
                        default -> {
                            return done(inv, OpType.FAIL, inv.value(), "unknown f " + inv.f());
                        }
                    }
                }
            }

            private Op done(Op inv, OpType type, Object value, String error) {
                return new Op(inv.index(), inv.time(), inv.process(), type, inv.f(), inv.key(), value, node, error);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public boolean honoursFaketime() {
        return false;
    }

    private final class FakeDb implements Killable, LeaderAware {
        private volatile Environment env;

        @Override
        public String name() {
            return "in-memory";
        }

        @Override
        public String version() {
            return "test double";
        }

        @Override
        public void setup(Environment environment) {
            env = environment;
        }

        @Override
        public void start(Node node) {
            killed.remove(node.name());
        }

        @Override
        public void kill(Node node) {
            killed.add(node.name());
        }

        @Override
        public boolean isRunning(Node node) {
            return !killed.contains(node.name());
        }

        @Override
        public void awaitReady() {
        }

        @Override
        public Optional<Node> leader() {
            return Optional.of(env.nodes().getFirst());
        }

        @Override
        public String clientAddress(Node node) {
            return node.name();
        }

        @Override
        public void teardown() {
            tornDown = true;
        }
    }
}
