package io.faultline.stores.etcd;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.check.Verdict;
import io.faultline.cli.Main;
import io.faultline.env.Environment;
import io.faultline.env.EnvironmentSpec;
import io.faultline.env.Environments;
import io.faultline.env.Node;
import io.faultline.history.History;
import io.faultline.history.JsonlReader;
import io.faultline.runner.RunResult;
import io.faultline.store.Store;
import io.faultline.store.StoreOptions;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three real etcd members (Debian's etcd-server) under the harness. */
class EtcdEndToEndTest {

    @BeforeAll
    static void needEtcd() {
        Runs.needEtcd();
    }

    @Test
    void registerUnderPartitionAndKillIsLinearizable(@TempDir Path results) throws Exception {
        String env = Runs.environment();
        RunResult r = Runs.run(results, "etcd", "register", Runs.faults(env, "partition", "kill"), 4, 20, 10, 100,
                20261123L, Map.of());
        assertEquals(Verdict.VALID, r.verdict(), () -> "results in " + r.dir() + ": " + r.results());
        assertTrue(r.stats().ok() > 300, "a working etcd serves most of ~2000 ops; ok = " + r.stats().ok());
        assertTrue(r.stats().faults() >= 2, "faults were injected: " + r.stats().faults());
        History h = JsonlReader.read(r.dir().resolve("history.jsonl"));
        assertTrue(h.nemesisEvents().stream().anyMatch(e -> e.f().startsWith("start-")));
        assertTrue(Files.readString(r.dir().resolve("nodes/n1/etcd.log")).contains("etcdserver"), "etcd's log is kept");
        assertTrue(Files.readString(r.dir().resolve("test.json")).contains(
                EtcdBinary.locate(null, System.getenv("PATH")).version()), "test.json names the etcd version");
    }

    @Test
    void missingBinaryIsAClearHarnessFailure(@TempDir Path results) {
        int code = Main.execute("run", "--store", "etcd", "--opt", "store.etcd-bin=/nonexistent/etcd",
                "--time-limit", "5", "--nemesis", "none", "--env", "loopback", "--results", results.toString());
        assertEquals(3, code);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EtcdBinary.locate(null, "/nonexistent-dir"));
        assertTrue(e.getMessage().contains("apt-get install -y etcd-server"), e.getMessage());
    }

    @Test
    void clockFaultsAreRefusedBecauseEtcdIgnoresFaketime(@TempDir Path results) {
        assertFalse(EtcdStore.open(new StoreOptions(Runs.home(), List.of(), Map.of())).honoursFaketime());
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        System.setErr(new java.io.PrintStream(err, true));
        int code;
        try {
            code = Main.execute("run", "--store", "etcd", "--nemesis", "clock", "--time-limit", "5", "--env", "loopback",
                    "--results", results.toString());
        } finally {
            System.setErr(old);
        }
        assertEquals(3, code);
        assertTrue(err.toString().contains("libfaketime"), err.toString());
    }

    @Test
    void portInUseNamesTheCauseAndLeavesNoProcess(@TempDir Path dir) throws Exception {
        Store store = EtcdStore.open(new StoreOptions(Runs.home(), List.of(), Map.of()));
        EtcdDb db = (EtcdDb) store.db();
        try (Environment env = Environments.create(new EnvironmentSpec("loopback", "pt" + (System.nanoTime() % 1000), 3,
                dir, false, false))) {
            Node n1 = env.nodes().getFirst();
            try (ServerSocket squatter = new ServerSocket()) {
                squatter.bind(new InetSocketAddress(n1.host(), EtcdDb.CLIENT_PORT));
                db.setup(env);
                IllegalStateException e = assertThrows(IllegalStateException.class, db::awaitReady);
                assertTrue(e.getMessage().contains("address already in use"), e.getMessage());
                assertTrue(e.getMessage().contains("n1"), e.getMessage());
            } finally {
                db.teardown();
            }
            for (Node n : env.nodes()) assertFalse(db.isRunning(n), n.name() + " still runs after teardown");
        }
    }
}
