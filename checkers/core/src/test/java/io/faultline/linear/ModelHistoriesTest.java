package io.faultline.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.check.CheckResult;
import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.linear.model.KvModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-written histories per model, valid and invalid. */
class ModelHistoriesTest {
    private final Models models = Models.standard();

    private LinearizabilityResult check(String model, History h) {
        return check(model, null, h);
    }

    private LinearizabilityResult check(String model, Object initial, History h) {
        return new LinearizabilityChecker(models.byName(model).orElseThrow(), initial, Duration.ofSeconds(30), 2)
                .analyze(h);
    }

    @Test
    void registerSequentialReadsSeeWrites() {
        History h = new HistoryBuilder()
                .invoke(0, "write", 1L).ok(0)
                .invoke(1, "read", null).ok(1, 1L)
                .invoke(0, "write", 2L).ok(0)
                .invoke(1, "read", null).ok(1, 2L)
                .build();
        assertEquals(Verdict.VALID, check("register", h).verdict());
    }

    @Test
    void staleReadAfterCompletedWriteIsInvalidWithCounterexample() {
        History h = new HistoryBuilder()
                .invoke(0, "write", 1L).ok(0)
                .invoke(0, "write", 2L).ok(0)
                .invoke(1, "read", null).ok(1, 1L)
                .build();
        LinearizabilityResult r = check("register", h);
        assertEquals(Verdict.INVALID, r.verdict());
        Counterexample c = r.counterexample();
        assertEquals(2, c.prefix().size());
        assertEquals("2", c.stateAfter());
        assertEquals(1, c.blocked().size());
        assertEquals(1, c.blocked().get(0).operation().process());
        assertTrue(c.blocked().get(0).reason().contains("read 1 but the register holds 2"), c.blocked().get(0).reason());
        String text = CounterexampleText.render(c);
        assertTrue(text.contains("process 1: read -> 1"), text);
    }

    @Test
    void concurrentReadMaySeeEitherValue() {
        History h = new HistoryBuilder()
                .invoke(0, "write", 1L).ok(0)
                .invoke(0, "write", 2L)
                .invoke(1, "read", null).ok(1, 1L)
                .invoke(2, "read", null).ok(2, 2L)
                .ok(0)
                .build();
        assertEquals(Verdict.VALID, check("register", h).verdict());
    }

    @Test
    void readsGoingBackwardsAreInvalidEvenWhenConcurrentWithTheWrite() {
        History h = new HistoryBuilder()
                .invoke(0, "write", 1L).ok(0)
                .invoke(0, "write", 2L)
                .invoke(1, "read", null).ok(1, 2L)
                .invoke(2, "read", null).ok(2, 1L)
                .ok(0)
                .build();
        assertEquals(Verdict.INVALID, check("register", h).verdict());
    }

    @Test
    void infoWriteIsNeededToExplainARead() {
        History h = new HistoryBuilder()
                .invoke(0, "write", 7L).info(0)
                .invoke(1, "read", null).ok(1, 7L)
                .build();
        assertEquals(Verdict.VALID, check("register", h).verdict());
    }

    @Test
    void infoWriteThatNeverHappened() {
        History h = new HistoryBuilder()
                .invoke(0, "write", 1L).ok(0)
                .invoke(2, "write", 7L).info(2)
                .invoke(1, "read", null).ok(1, 1L)
                .invoke(1, "read", null).ok(1, 1L)
                .build();
        assertEquals(Verdict.VALID, check("register", h).verdict());
    }

    @Test
    void infoWriteTakesEffectAfterItsInvocationOnly() {
        History h = new HistoryBuilder()
                .invoke(1, "read", null).ok(1, 7L)
                .invoke(0, "write", 7L).info(0)
                .build();
        assertEquals(Verdict.INVALID, check("register", h).verdict());
    }

    @Test
    void missingCompletionCountsAsInfo() {
        History h = new HistoryBuilder()
                .invoke(0, "write", 7L)
                .invoke(1, "read", null).ok(1, 7L)
                .build();
        assertEquals(Verdict.VALID, check("register", h).verdict());
    }

    @Test
    void failedWriteNeverHappened() {
        History h = new HistoryBuilder()
                .invoke(0, "write", 7L).fail(0)
                .invoke(1, "read", null).ok(1, 7L)
                .build();
        assertEquals(Verdict.INVALID, check("register", h).verdict());
    }

    @Test
    void initialValue() {
        History h = new HistoryBuilder().invoke(1, "read", null).ok(1, 5L).build();
        assertEquals(Verdict.INVALID, check("register", h).verdict());
        assertEquals(Verdict.VALID, check("register", 5L, h).verdict());
    }

    @Test
    void casRegister() {
        History ok = new HistoryBuilder()
                .invoke(0, "write", 1L).ok(0)
                .invoke(1, "cas", List.of(1L, 2L)).ok(1)
                .invoke(0, "read", null).ok(0, 2L)
                .build();
        assertEquals(Verdict.VALID, check("cas-register", ok).verdict());
        History bad = new HistoryBuilder()
                .invoke(0, "write", 1L).ok(0)
                .invoke(1, "cas", List.of(3L, 2L)).ok(1)
                .build();
        LinearizabilityResult r = check("cas-register", bad);
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(r.counterexample().blocked().get(0).reason().contains("compare needs 3"));
    }

    @Test
    void failedCasMeansNothingUnlessItObservedAMismatch() {
        // A plain failed cas did not take effect and says nothing more (Jepsen).
        History plain = new HistoryBuilder()
                .invoke(0, "write", 1L).ok(0)
                .invoke(1, "cas", List.of(1L, 2L)).fail(1)
                .build();
        assertEquals(Verdict.VALID, check("cas-register", plain).verdict());
        // A cas-mismatch failure asserts the register did not hold 1 (Porcupine's etcd logs).
        History mismatch = new HistoryBuilder()
                .invoke(0, "write", 1L).ok(0)
                .invoke(1, "cas", List.of(1L, 2L)).fail(1, "cas-mismatch")
                .build();
        assertEquals(Verdict.INVALID, check("cas-register", mismatch).verdict());
    }

    @Test
    void registerModelRejectsCas() {
        History h = new HistoryBuilder().invoke(1, "cas", List.of(1L, 2L)).ok(1).build();
        ModelMismatchException e = assertThrows(ModelMismatchException.class, () -> check("register", h));
        assertTrue(e.getMessage().contains("cas-register"));
    }

    @Test
    void keysArePartitionsAndTheInvalidKeyIsNamed() {
        History h = new HistoryBuilder()
                .invoke(0, "write", "a", 1L).ok(0)
                .invoke(0, "write", "b", 2L).ok(0)
                .invoke(1, "read", "a", null).ok(1, 1L)
                .invoke(1, "read", "b", null).ok(1, 1L)
                .build();
        LinearizabilityResult r = check("cas-register", h);
        assertEquals(2, r.partitions().size());
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals("b", r.counterexample().partition());
        CheckResult cr = LinearizabilityChecker.toCheckResult(r);
        assertEquals("nonlinearizable", cr.anomalies().get(0).type());
        assertTrue(cr.summary().contains("key b"), cr.summary());
    }

    @Test
    void nemesisEventsAreIgnored() {
        History h = new HistoryBuilder()
                .nemesis("start-partition", "n1 | n2 n3")
                .invoke(0, "write", 1L).ok(0)
                .nemesis("stop-partition", null)
                .invoke(1, "read", null).ok(1, 1L)
                .build();
        assertEquals(Verdict.VALID, check("register", h).verdict());
        assertEquals(2, h.nemesisEvents().size());
    }

    @Test
    void mutex() {
        History ok = new HistoryBuilder()
                .invoke(0, "acquire", null).ok(0)
                .invoke(1, "acquire", null)
                .invoke(0, "release", null).ok(0)
                .ok(1)
                .build();
        assertEquals(Verdict.VALID, check("mutex", ok).verdict());
        History twoHolders = new HistoryBuilder()
                .invoke(0, "acquire", null).ok(0)
                .invoke(1, "acquire", null).ok(1)
                .build();
        LinearizabilityResult r = check("mutex", twoHolders);
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(r.counterexample().blocked().get(0).reason().contains("already held"));
        History releaseFree = new HistoryBuilder().invoke(0, "release", null).ok(0).build();
        assertEquals(Verdict.INVALID, check("mutex", releaseFree).verdict());
        // A timed-out acquire may never have happened, so another process may take the lock.
        History infoAcquire = new HistoryBuilder()
                .invoke(0, "acquire", null).info(0)
                .invoke(1, "acquire", null).ok(1)
                .build();
        assertEquals(Verdict.VALID, check("mutex", infoAcquire).verdict());
    }

    @Test
    void kvAppendsAndGets() {
        History ok = new HistoryBuilder()
                .invoke(0, "append", "x", "a").ok(0)
                .invoke(1, "append", "x", "b")
                .invoke(2, "get", "x", null).ok(2, "ab")
                .ok(1)
                .invoke(2, "get", "y", null).ok(2, "")
                .invoke(0, "put", "y", "z").ok(0)
                .invoke(2, "get", "y", null).ok(2, "z")
                .build();
        assertEquals(Verdict.VALID, check("kv", ok).verdict());
        History bad = new HistoryBuilder()
                .invoke(0, "append", "x", "a").ok(0)
                .invoke(0, "append", "x", "b").ok(0)
                .invoke(2, "get", "x", null).ok(2, "ba")
                .build();
        assertEquals(Verdict.INVALID, check("kv", bad).verdict());
        assertEquals(Verdict.INVALID, new LinearizabilityChecker(new KvModel(false)).analyze(bad).verdict());
        assertEquals(Verdict.VALID, check("kv", Map.of("x", "q"),
                new HistoryBuilder().invoke(0, "get", "x", null).ok(0, "q").build()).verdict());
    }

    private static List<Object> mop(String f, String k, Object v) {
        return java.util.Arrays.asList(f, k, v);
    }

    @Test
    void multiRegisterTransactions() {
        History ok = new HistoryBuilder()
                .invoke(0, "txn", List.of(mop("write", "x", 1L), mop("write", "y", 1L))).ok(0)
                .invoke(1, "txn", List.of(mop("read", "x", null), mop("read", "y", null)))
                .ok(1, List.of(mop("read", "x", 1L), mop("read", "y", 1L)))
                .build();
        assertEquals(Verdict.VALID, check("multi-register", ok).verdict());
        // Seeing half of an atomic two-register write is not linearizable.
        History torn = new HistoryBuilder()
                .invoke(0, "txn", List.of(mop("write", "x", 1L), mop("write", "y", 1L))).ok(0)
                .invoke(1, "txn", List.of(mop("read", "x", null), mop("read", "y", null)))
                .ok(1, List.of(mop("read", "x", 1L), mop("read", "y", null)))
                .build();
        assertEquals(Verdict.INVALID, check("multi-register", torn).verdict());
        // Unknown txn: its writes may apply (all together) to explain a read.
        History info = new HistoryBuilder()
                .invoke(0, "txn", List.of(mop("w", "x", 2L), mop("w", "y", 2L))).info(0)
                .invoke(1, "txn", List.of(mop("r", "x", null), mop("r", "y", null)))
                .ok(1, List.of(mop("r", "x", 2L), mop("r", "y", 2L)))
                .build();
        assertEquals(Verdict.VALID, check("multi-register", info).verdict());
    }

    @Test
    void multiRegisterPartitionsByConnectedKeys() {
        History h = new HistoryBuilder()
                .invoke(0, "txn", List.of(mop("write", "x", 1L), mop("write", "y", 1L))).ok(0)
                .invoke(1, "txn", List.of(mop("write", "z", 5L))).ok(1)
                .invoke(2, "txn", List.of(mop("read", "y", null)))
                .ok(2, List.of(mop("read", "y", 1L)))
                .invoke(3, "txn", List.of(mop("read", "z", null)))
                .ok(3, List.of(mop("read", "z", 4L)))
                .build();
        LinearizabilityResult r = check("multi-register", h);
        assertEquals(2, r.partitions().size());
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals("z", r.counterexample().partition());
        assertEquals(2, r.counterexample().operations().size());
        assertEquals(Verdict.VALID, r.partitions().get(0).verdict());
        assertEquals("x", r.partitions().get(0).partition());
    }

    @Test
    void timeoutGivesUnknownWithProgress() {
        // Many concurrent unknown writes and a read nothing explains: exhaustive search is
        // exponential, so a tiny timeout must answer unknown rather than guess.
        HistoryBuilder b = new HistoryBuilder();
        for (int p = 0; p < 40; p++) b.invoke(p, "write", (long) p);
        for (int p = 40; p < 80; p++) b.invoke(p, "read", null).ok(p, (long) (p - 40));
        b.invoke(99, "read", null).ok(99, 1000L);
        for (int p = 0; p < 40; p++) b.ok(p);
        LinearizabilityResult r = new LinearizabilityChecker(models.byName("register").orElseThrow(), null,
                Duration.ofMillis(50), 1).analyze(b.build());
        assertEquals(Verdict.UNKNOWN, r.verdict());
        assertTrue(r.partitions().get(0).note().contains("timed out"));
        assertTrue(CounterexampleText.progress(r).contains("longest linearizable prefix"));
    }

    @Test
    void firstInvalidPartitionStopsTheOthers() {
        HistoryBuilder b = new HistoryBuilder();
        // key "hard": exponential to refute; without the stop it would run into the timeout
        for (int p = 0; p < 40; p++) b.invoke(p, "write", "hard", (long) p);
        for (int p = 40; p < 80; p++) b.invoke(p, "read", "hard", null).ok(p, (long) (p - 40));
        b.invoke(99, "read", "hard", null).ok(99, 1000L);
        for (int p = 0; p < 40; p++) b.ok(p);
        // key "easy": a stale read, refuted at once
        b.invoke(100, "write", "easy", 1L).ok(100).invoke(100, "write", "easy", 2L).ok(100)
                .invoke(101, "read", "easy", null).ok(101, 1L);
        long start = System.nanoTime();
        LinearizabilityResult r = new LinearizabilityChecker(models.byName("register").orElseThrow(), null,
                Duration.ofSeconds(60), 2).analyze(b.build());
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals("easy", r.counterexample().partition());
        PartitionReport hard = r.partitions().get(0);
        assertEquals("hard", hard.partition());
        assertEquals(Verdict.UNKNOWN, hard.verdict());
        assertTrue(hard.note().contains("another partition"), hard.note());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos());
    }

    @Test
    void inferenceOfModels() {
        History rw = new HistoryBuilder().invoke(0, "write", 1L).ok(0).build();
        assertEquals("register", models.infer(rw.operations()).orElseThrow().name());
        History cas = new HistoryBuilder().invoke(0, "write", 1L).ok(0).invoke(0, "cas", List.of(1L, 2L)).ok(0).build();
        assertEquals("cas-register", models.infer(cas.operations()).orElseThrow().name());
        History mixed = new HistoryBuilder().invoke(0, "write", 1L).ok(0).invoke(0, "append", "k", "x").ok(0).build();
        assertTrue(models.infer(mixed.operations()).isEmpty());
        assertTrue(models.inferenceProblem(mixed.operations()).contains("--model"));
    }
}
