package io.faultline.worker;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.client.Client;
import io.faultline.env.Node;
import io.faultline.fault.NemesisContext;
import io.faultline.generator.Generator;
import io.faultline.generator.Generators;
import io.faultline.history.History;
import io.faultline.history.JsonlReader;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.recorder.Recorder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterpreterTest {

    /** A client whose answer is decided by the test. */
    private record Scripted(Function<Op, Op> answer, AtomicInteger opened) implements Client {
        @Override
        public void open(Node node) {
            opened.incrementAndGet();
        }

        @Override
        public Op invoke(Op invocation) {
            return answer.apply(invocation);
        }

        @Override
        public void close() {
        }
    }

    private static Op as(Op inv, OpType type, String error) {
        return new Op(inv.index(), inv.time(), inv.process(), type, inv.f(), inv.key(), inv.value(), null, error);
    }

    private record Setup(Recorder recorder, Interpreter interpreter, AtomicInteger opened) {
    }

    private static Setup setup(Path file, int threads, Function<Op, Op> answer) throws Exception {
        Recorder rec = Recorder.create(file, System.nanoTime());
        AtomicInteger opened = new AtomicInteger();
        List<ClientHandler> hs = new ArrayList<>();
        for (int t = 0; t < threads; t++) hs.add(new ClientHandler(t, threads, null, () -> new Scripted(answer, opened), rec));
        NemesisHandler nem = new NemesisHandler(List.of(), new NemesisContext(null, null, new Random(1), s -> { }), rec);
        return new Setup(rec, new Interpreter(hs, nem, rec::now), opened);
    }

    @Test
    void infoRetiresTheProcessAndOpensAFreshClient(@TempDir Path dir) throws Exception {
        AtomicInteger n = new AtomicInteger();
        Setup s = setup(dir.resolve("h.jsonl"), 2, inv -> n.incrementAndGet() % 3 == 0 ? as(inv, OpType.INFO, "timed-out") : as(inv, OpType.OK, null));
        Generator g = Generators.clients(Generators.limit(30, Generators.repeat(Generators.once("write", "k", 1L))));
        assertEquals(Interpreter.Outcome.EXHAUSTED, s.interpreter().run(g, Long.MAX_VALUE / 2, 1_000_000_000L));
        s.recorder().close();
        History h = JsonlReader.read(dir.resolve("h.jsonl"));
        assertEquals(60, h.size());
        assertEquals(10, h.operations().stream().filter(o -> o.isInfo()).count());
        long processes = h.operations().stream().mapToInt(o -> o.process()).distinct().count();
        assertEquals(processes, s.opened().get(), "exactly one fresh client per process, opened when it first invokes");
        assertTrue(processes >= 10, "each info retires a process: " + processes);
        for (var o : h.operations()) assertEquals(o.process() % 2, o.invocation().process() % 2, "processes stay on their thread");
        assertTrue(h.operations().stream().anyMatch(o -> o.process() >= 2));
    }

    @Test
    void aThrowingClientCountsAsUnknownAndAFailedOpenAsFail(@TempDir Path dir) throws Exception {
        Setup s = setup(dir.resolve("h.jsonl"), 1, inv -> {
            throw new IllegalStateException("boom");
        });
        s.interpreter().run(Generators.clients(Generators.limit(2, Generators.repeat(Generators.once("write", "k", 1L)))),
                Long.MAX_VALUE / 2, 1_000_000_000L);
        s.recorder().close();
        History h = JsonlReader.read(dir.resolve("h.jsonl"));
        assertEquals(List.of(OpType.INFO, OpType.INFO), h.operations().stream().map(o -> o.outcome()).toList());
        assertTrue(h.operations().getFirst().error().contains("boom"));

        Recorder rec = Recorder.create(dir.resolve("h2.jsonl"), System.nanoTime());
        ClientHandler bad = new ClientHandler(0, 1, null, () -> new Client() {
            @Override
            public void open(Node node) throws Exception {
                throw new java.io.IOException("no route");
            }

            @Override
            public Op invoke(Op invocation) {
                throw new AssertionError("never opened");
            }

            @Override
            public void close() {
            }
        }, rec);
        assertEquals(OpType.FAIL, bad.handle(io.faultline.generator.GenOp.of("read", "k", null)));
        assertEquals(0, bad.process(), "a client that never opened sent nothing: the process lives on");
        rec.close();
    }

    @Test
    void aSpentClientIsReplacedUnderANewProcessAfterAFailedOp(@TempDir Path dir) throws Exception {
        Recorder rec = Recorder.create(dir.resolve("h.jsonl"), System.nanoTime());
        AtomicInteger opened = new AtomicInteger();
        boolean[] spent = {false};
        ClientHandler h = new ClientHandler(0, 3, null, () -> new Client() {
            @Override
            public void open(Node node) {
                opened.incrementAndGet();
                spent[0] = false;
            }

            @Override
            public Op invoke(Op inv) {
                spent[0] = true; // e.g. the session expired while this read failed
                return as(inv, OpType.FAIL, "session-expired");
            }

            @Override
            public boolean spent() {
                return spent[0];
            }

            @Override
            public void close() {
            }
        }, rec);
        assertEquals(OpType.FAIL, h.handle(io.faultline.generator.GenOp.of("read", "k", null)));
        assertEquals(3, h.process(), "a spent client retires its process even on fail");
        assertEquals(OpType.FAIL, h.handle(io.faultline.generator.GenOp.of("read", "k", null)));
        assertEquals(2, opened.get(), "the next op opened a fresh client");
        rec.close();
        History hist = JsonlReader.read(dir.resolve("h.jsonl"));
        assertEquals(List.of(0, 3), hist.operations().stream().map(o -> o.process()).toList());
    }

    @Test
    void theDeadlineStopsDispatchAndStopRequestsAreHonoured(@TempDir Path dir) throws Exception {
        Setup s = setup(dir.resolve("h.jsonl"), 4, inv -> as(inv, OpType.OK, null));
        Generator endless = Generators.clients(Generators.repeat(Generators.once("read", "k", null)));
        long t0 = System.nanoTime();
        assertEquals(Interpreter.Outcome.DEADLINE, s.interpreter().run(endless, s.recorder().now() + 300_000_000L, 1_000_000_000L));
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos());
        Thread stopper = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            s.interpreter().requestStop();
        });
        assertEquals(Interpreter.Outcome.STOPPED, s.interpreter().run(endless, Long.MAX_VALUE / 2, 1_000_000_000L));
        stopper.join();
        s.recorder().close();
        History h = JsonlReader.read(dir.resolve("h.jsonl"));
        assertTrue(h.operations().stream().allMatch(o -> o.completion() != null), "every op in flight completed before run returned");
    }
}
