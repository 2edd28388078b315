package io.faultline.generator;

import static io.faultline.generator.Generators.*;
import static org.junit.jupiter.api.Assertions.*;

import io.faultline.history.OpType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GeneratorsTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    /** Every op takes 1 ms and succeeds. */
    private static List<GenOp> run(Generator g, int clients, int maxOps, long maxTime) {
        return new Simulator(clients, op -> MS, op -> OpType.OK).run(g, maxOps, maxTime);
    }

    private static Generator randomOps(long seed) {
        return ops(Rng.seeded(seed), (SplittableRandom r) -> GenOp.of(r.nextBoolean() ? "read" : "write",
                "k" + r.nextInt(10), (long) r.nextInt(100)));
    }

    private static List<String> describe(List<GenOp> ops) {
        return ops.stream().map(o -> o.time() + "/" + o.thread() + "/" + o.f() + "/" + o.key() + "/" + o.value()).toList();
    }

    @Test
    void sameSeedGivesSameOpsAndFaults() {
        Generator a = any(clients(timeLimit(Duration.ofSeconds(5), rate(200, Rng.seeded(7), mix(Rng.seeded(8), randomOps(1), randomOps(2))))),
                nemesis(cycle(sleep(Duration.ofMillis(300)), once("start-partition", null, null),
                        sleep(Duration.ofMillis(200)), once("stop-partition", null, null))));
        List<GenOp> first = run(a, 5, 5000, 6 * S);
        List<GenOp> second = run(a, 5, 5000, 6 * S);
        assertEquals(describe(first), describe(second));
        assertTrue(first.size() > 500, "expected about 1000 client ops, got " + first.size());
        assertTrue(first.stream().anyMatch(o -> o.f().equals("start-partition")));

        Generator b = clients(timeLimit(Duration.ofSeconds(5), rate(200, Rng.seeded(99), mix(Rng.seeded(8), randomOps(1), randomOps(2)))));
        Generator a2 = clients(timeLimit(Duration.ofSeconds(5), rate(200, Rng.seeded(7), mix(Rng.seeded(8), randomOps(1), randomOps(2)))));
        assertNotEquals(describe(run(a2, 5, 5000, 6 * S)), describe(run(b, 5, 5000, 6 * S)),
                "a different seed must give a different schedule");
    }

    @Test
    void mixDrawsFromEveryChildAndDropsExhaustedOnes() {
        Generator g = mix(Rng.seeded(3), limit(100, repeat(once("a", null, null))), limit(5, repeat(once("b", null, null))),
                limit(100, repeat(once("c", null, null))));
        List<GenOp> ops = run(clients(g), 4, 10_000, 100 * S);
        Map<String, Integer> counts = new HashMap<>();
        ops.forEach(o -> counts.merge(o.f(), 1, Integer::sum));
        assertEquals(Map.of("a", 100, "b", 5, "c", 100), counts, "every child runs to exhaustion, then mix is exhausted");
        // Uniform choice: among the first 10 ops, b (with only 5 ops) is drawn as often as the others.
        long bEarly = ops.subList(0, 15).stream().filter(o -> o.f().equals("b")).count();
        assertTrue(bEarly >= 1, "b should be drawn among the first 15 ops");
    }

    @Test
    void rateGivesTheTotalRateWithJitter() {
        List<GenOp> ops = run(clients(timeLimit(Duration.ofSeconds(10), rate(100, Rng.seeded(5), repeat(once("r", null, null))))),
                10, 100_000, 20 * S);
        assertTrue(ops.size() > 900 && ops.size() < 1100, "100 ops/s for 10 s, got " + ops.size());
        Set<Long> gaps = new HashSet<>();
        for (int i = 1; i < ops.size(); i++) gaps.add(ops.get(i).time() - ops.get(i - 1).time());
        assertTrue(gaps.size() > 100, "gaps must be jittered, saw only " + gaps.size() + " distinct");
        assertTrue(gaps.stream().allMatch(g -> g >= 0 && g <= 20 * MS + MS), "each gap within [0, 2/rate]");
    }

    @Test
    void delaySpacesOpsExactly() {
        List<GenOp> ops = run(clients(limit(5, delay(Duration.ofMillis(50), repeat(once("r", null, null))))), 3, 100, 10 * S);
        assertEquals(5, ops.size());
        for (int i = 0; i < ops.size(); i++) assertEquals(i * 50 * MS, ops.get(i).time());
    }

    @Test
    void limitEmitsExactlyN() {
        assertEquals(7, run(clients(limit(7, randomOps(1))), 3, 1000, 10 * S).size());
        assertEquals(0, run(clients(limit(0, randomOps(1))), 3, 1000, 10 * S).size());
    }

    @Test
    void timeLimitStopsBeforeTheDeadline() {
        List<GenOp> ops = run(seq(sleep(Duration.ofSeconds(1)),
                clients(timeLimit(Duration.ofSeconds(2), delay(Duration.ofMillis(100), randomOps(1))))), 2, 1000, 10 * S);
        assertEquals(20, ops.size(), "ops at 1.0, 1.1, ... 2.9 s");
        assertEquals(1 * S, ops.getFirst().time(), "the limit counts from the first time it is asked");
        assertTrue(ops.getLast().time() < 3 * S);
    }

    @Test
    void phasesWaitForEveryThreadOfThePreviousPhase() {
        Simulator slow = new Simulator(4, op -> op.f().equals("slow") ? 500 * MS : MS, op -> OpType.OK);
        List<GenOp> ops = slow.run(clients(phases(limit(3, repeat(once("slow", null, null))), once("next", null, null))), 100, 10 * S);
        assertEquals(List.of("slow", "slow", "slow", "next"), ops.stream().map(GenOp::f).toList());
        assertEquals(500 * MS, ops.get(3).time(), "the second phase starts when the last slow op completed");
        // seq does not wait
        List<GenOp> seqOps = slow.run(clients(seq(limit(3, repeat(once("slow", null, null))), once("next", null, null))), 100, 10 * S);
        assertEquals(0, seqOps.get(3).time());
    }

    @Test
    void repeatAndCycle() {
        List<GenOp> ops = run(clients(repeat(3, seq(once("a", null, null), once("b", null, null)))), 1, 100, 10 * S);
        assertEquals(List.of("a", "b", "a", "b", "a", "b"), ops.stream().map(GenOp::f).toList());
        assertEquals(0, run(clients(repeat(empty())), 1, 100, 10 * S).size(), "repeating nothing must not spin");
        List<GenOp> cyc = run(clients(limit(7, cycle(once("x", null, null), once("y", null, null), once("z", null, null)))), 2, 100, 10 * S);
        assertEquals(List.of("x", "y", "z", "x", "y", "z", "x"), cyc.stream().map(GenOp::f).toList());
    }

    @Test
    void sleepDelaysWhatFollows() {
        List<GenOp> ops = run(clients(seq(sleep(Duration.ofMillis(750)), once("a", null, null))), 1, 10, 10 * S);
        assertEquals(1, ops.size());
        assertEquals(750 * MS, ops.getFirst().time());
    }

    @Test
    void eachThreadGivesEveryThreadItsOwnCopy() {
        List<GenOp> ops = run(clients(eachThread(limit(3, repeat(once("r", null, null))))), 4, 100, 10 * S);
        assertEquals(12, ops.size());
        Map<Integer, Integer> perThread = new HashMap<>();
        ops.forEach(o -> perThread.merge(o.thread(), 1, Integer::sum));
        assertEquals(Map.of(0, 3, 1, 3, 2, 3, 3, 3), perThread);
    }

    @Test
    void reserveSplitsThreads() {
        Generator g = clients(timeLimit(Duration.ofSeconds(1), reserve(new int[]{2, 1},
                new Generator[]{repeat(once("w", null, null)), repeat(once("c", null, null))}, repeat(once("r", null, null)))));
        List<GenOp> ops = run(g, 6, 100_000, 2 * S);
        for (GenOp o : ops) {
            String expected = o.thread() < 2 ? "w" : o.thread() == 2 ? "c" : "r";
            assertEquals(expected, o.f(), "thread " + o.thread());
        }
        assertEquals(Set.of(0, 1, 2, 3, 4, 5), new HashSet<>(ops.stream().map(GenOp::thread).toList()));
    }

    @Test
    void routingSendsOpsToClientsOrNemesis() {
        Generator g = any(clients(limit(20, randomOps(1))), nemesis(limit(3, repeat(once("start-kill", null, null)))));
        List<GenOp> ops = run(g, 3, 100, 10 * S);
        for (GenOp o : ops) {
            if (o.f().equals("start-kill")) assertEquals(3, o.thread(), "nemesis ops run on the nemesis thread");
            else assertTrue(o.thread() < 3, "client ops run on client threads");
        }
        assertEquals(23, ops.size());
        assertEquals(0, run(nemesis(randomOps(1)), 0, 1, S).stream().filter(o -> o.thread() != 0).count());
    }

    @Test
    void untilOkStopsAtTheFirstSuccess() {
        AtomicInteger calls = new AtomicInteger();
        Simulator flaky = new Simulator(1, op -> MS, op -> calls.incrementAndGet() <= 3 ? OpType.FAIL : OpType.OK);
        List<GenOp> ops = flaky.run(clients(untilOk(repeat(once("read", null, null)))), 100, 10 * S);
        assertEquals(4, ops.size(), "three failures, then one ok, then nothing");
        // Exhausted without any ok: stops too.
        List<GenOp> none = new Simulator(1, op -> MS, op -> OpType.FAIL).run(clients(untilOk(limit(2, repeat(once("read", null, null))))), 100, 10 * S);
        assertEquals(2, none.size());
    }

    @Test
    void opsTakeTurnsOverTheFreeThreads() {
        // At a rate the clients easily serve, every thread is free at every op: "the lowest free
        // thread" gave thread 0 all of them and left the nodes behind the other threads idle.
        List<GenOp> ops = run(clients(limit(1000, rate(100, Rng.seeded(5), randomOps(6)))), 10, 10_000, 60 * S);
        assertEquals(1000, ops.size());
        Map<Integer, Integer> perThread = new HashMap<>();
        ops.forEach(o -> perThread.merge(o.thread(), 1, Integer::sum));
        Map<Integer, Integer> even = new HashMap<>();
        for (int t = 0; t < 10; t++) even.put(t, 100);
        assertEquals(even, perThread);
        // Busy threads are skipped, not waited for, and the turn still goes round all of them: with
        // 5 ms ops every 1 ms about five are busy at a time, and the lowest free thread would leave
        // threads 6-9 nearly idle.
        List<GenOp> busy = new Simulator(10, op -> 5 * MS, op -> OpType.OK)
                .run(clients(limit(1000, rate(1000, Rng.seeded(5), randomOps(6)))), 1000, 10 * S);
        assertEquals(1000, busy.size());
        Map<Integer, Integer> shares = new HashMap<>();
        busy.forEach(o -> shares.merge(o.thread(), 1, Integer::sum));
        assertTrue(shares.size() == 10 && shares.values().stream().allMatch(n -> n >= 50 && n <= 200), "ops per thread: " + shares);
    }

    @Test
    void busyThreadsAreNeverHandedOps() {
        List<GenOp> ops = new Simulator(3, op -> 10 * MS, op -> OpType.OK).run(clients(limit(60, randomOps(4))), 1000, 10 * S);
        Map<Integer, Long> busyUntil = new HashMap<>();
        for (GenOp o : ops) {
            long until = busyUntil.getOrDefault(o.thread(), -1L);
            assertTrue(o.time() >= until, "thread " + o.thread() + " got an op while busy");
            busyUntil.put(o.thread(), o.time() + 10 * MS);
        }
        assertEquals(60, ops.size());
        assertEquals(20 * 10 * MS - 10 * MS, ops.getLast().time(), "three threads, 10 ms each, 60 ops");
    }

    @Test
    void rngIsDeterministicAndSpread() {
        Rng r = Rng.seeded(42);
        List<Integer> a = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            a.add(r.below(10));
            r = r.next();
        }
        Rng r2 = Rng.seeded(42);
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.get(i), r2.below(10));
            r2 = r2.next();
        }
        int[] hist = new int[10];
        a.forEach(i -> hist[i]++);
        for (int h : hist) assertTrue(h > 60 && h < 140, "roughly uniform: " + java.util.Arrays.toString(hist));
    }
}
