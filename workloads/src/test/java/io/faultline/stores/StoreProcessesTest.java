package io.faultline.stores;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.env.Environment;
import io.faultline.env.EnvironmentSpec;
import io.faultline.env.Environments;
import io.faultline.env.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes (shell one-liners) on the loopback environment, no store needed. */
class StoreProcessesTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final List<String> RUNS = List.of("sleep", "30");

    private Environment env;
    private StoreProcesses processes;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        env = Environments.create(new EnvironmentSpec("loopback", "sp" + (System.nanoTime() % 100_000), 2, dir, false, false));
        for (Node n : env.nodes()) Files.createDirectories(n.dir());
        processes = new StoreProcesses("teststore", "1.2", StoreProcessesTest::log);
    }

    @AfterEach
    void stop() {
        processes.stopAll(Duration.ofSeconds(2));
        env.close();
    }

    private static Path log(Node n) {
        return n.dir().resolve("server.log");
    }

    private static List<String> dies(String lastWords) {
        return List.of("sh", "-c", "echo 'INFO starting up'; echo '" + lastWords + "'; echo 'INFO exiting'; exit 1");
    }

    @Test
    void aServerThatDiesAtStartUpEndsTheWaitWithTheCauseFromItsLatestStart() throws Exception {
        Node n1 = env.nodes().get(0);
        Node n2 = env.nodes().get(1);
        // An earlier life's error must not be blamed for this start's death.
        Files.writeString(log(n2), "--- faultline: starting teststore 1.2 on n2 at earlier\nFATAL exception: stale disk\n");
        processes.start(n1, RUNS);
        processes.start(n2, dies("ERROR listen tcp 127.0.0.1:2379: bind: address already in use"));
        long t0 = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> processes.awaitReady(env.nodes(), LIMIT,
                StoreProcesses.GiveUpWhen.ONE_EXITED, () -> Optional.of("not yet"), "teststore never came up"));
        assertTrue(System.nanoTime() - t0 < LIMIT.toNanos() / 2, "gave up only after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        String m = e.getMessage();
        assertTrue(m.startsWith("teststore on n2 exited; the end of " + log(n2) + ":\n"), m);
        assertTrue(m.contains("cause: ERROR listen tcp 127.0.0.1:2379: bind: address already in use"), m);
        assertFalse(m.contains("stale disk"), m);
        assertTrue(processes.isRunning(n1));
        assertFalse(processes.isRunning(n2));
        assertTrue(Files.readString(log(n2)).contains("--- faultline: starting teststore 1.2 on n2 at "));
    }

    @Test
    void oneExitedNodeIsLeftToReadinessWhenOnlyAllExitedGivesUp() throws Exception {
        Node n1 = env.nodes().get(0);
        Node n2 = env.nodes().get(1);
        processes.start(n1, RUNS);
        processes.start(n2, dies("ERROR disk full"));
        awaitExit(n2);
        AtomicInteger asked = new AtomicInteger();
        processes.awaitReady(env.nodes(), LIMIT, StoreProcesses.GiveUpWhen.ALL_EXITED,
                () -> asked.incrementAndGet() < 3 ? Optional.of("electing") : Optional.empty(), "no leader");
        assertEquals(3, asked.get(), "ready on the third poll");

        processes.kill(n1);
        assertFalse(processes.isRunning(n1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> processes.awaitReady(env.nodes(), LIMIT,
                StoreProcesses.GiveUpWhen.ALL_EXITED, () -> Optional.of("electing"), "no leader"));
        assertTrue(e.getMessage().startsWith("every teststore process exited; the end of " + log(n1)), e.getMessage());
    }

    @Test
    void timeoutNamesWhatWasAwaitedAndTheLastAnswer() throws Exception {
        for (Node n : env.nodes()) processes.start(n, RUNS);
        AtomicInteger asked = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> processes.awaitReady(env.nodes(),
                Duration.ofSeconds(1), StoreProcesses.GiveUpWhen.ONE_EXITED,
                () -> Optional.of("answer " + asked.incrementAndGet()), "teststore elected no leader"));
        assertEquals("teststore elected no leader within 1 s (answer " + asked.get() + ")", e.getMessage());
        assertTrue(asked.get() >= 5, "polled every 100 ms, but only " + asked.get() + " times in 1 s");
    }

    @Test
    void startIsANoOpWhileAliveAndRestartsAfterAKill() throws Exception {
        Node n1 = env.nodes().getFirst();
        processes.start(n1, RUNS);
        processes.start(n1, RUNS);
        assertEquals(1, marks(n1), "a second start of a live process must not spawn another");
        processes.kill(n1);
        assertFalse(processes.isRunning(n1));
        processes.start(n1, RUNS);
        assertTrue(processes.isRunning(n1));
        assertEquals(2, marks(n1), "a restart appends to the same log");
    }

    @Test
    void stopAllEndsPausedProcessesToo() throws Exception {
        for (Node n : env.nodes()) processes.start(n, RUNS);
        processes.pause(env.nodes().getFirst());
        long t0 = System.nanoTime();
        processes.stopAll(Duration.ofSeconds(5));
        // A paused process that ignored SIGTERM would only go at the SIGKILL after the whole grace.
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(4).toNanos(), "stopAll waited out the grace period");
        for (Node n : env.nodes()) assertFalse(processes.isRunning(n), n.name() + " still runs");
    }

    private long marks(Node n) throws Exception {
        return Files.readAllLines(log(n)).stream().filter(l -> l.startsWith("--- faultline: starting teststore 1.2 on " + n.name())).count();
    }

    private void awaitExit(Node n) throws InterruptedException {
        long end = System.nanoTime() + LIMIT.toNanos();
        while (processes.isRunning(n) && System.nanoTime() < end) Thread.sleep(20);
        assertFalse(processes.isRunning(n), n.name() + " did not exit");
    }
}
