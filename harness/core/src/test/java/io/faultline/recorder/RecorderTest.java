package io.faultline.recorder;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.history.History;
import io.faultline.history.JsonlReader;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderTest {

    @Test
    void eachLineIsInTheFileWhenRecordReturns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.jsonl");
        try (Recorder r = Recorder.create(file, System.nanoTime())) {
            Op inv = r.record(3, OpType.INVOKE, "write", "k1", 5L, "n1", null);
            assertEquals(0, inv.index());
            List<String> lines = Files.readAllLines(file);
            assertEquals(1, lines.size(), "the invocation must be flushed before record returns");
            assertTrue(lines.getFirst().startsWith("{\"index\":0,\"time\":"), lines.getFirst());
            assertTrue(lines.getFirst().contains("\"process\":3,\"type\":\"invoke\",\"f\":\"write\",\"key\":\"k1\",\"value\":5"));
            r.record(3, OpType.INFO, "write", "k1", 5L, "n1", "timed-out");
            r.record(Op.NEMESIS, OpType.INFO, "start-kill", null, List.of("n2"), null, null);
            assertEquals(3, Files.readAllLines(file).size());
            assertEquals(0, r.okCount());
            assertEquals(1, r.infoCount(), "nemesis events do not count as client outcomes");
        }
        // Not closed cleanly would still be readable; closed it certainly is.
        History h = JsonlReader.read(file);
        assertEquals(3, h.size());
        assertTrue(h.events().get(2).isNemesis());
        assertEquals("timed-out", h.events().get(1).error());
    }

    @Test
    void concurrentWritersGetDenseIndexesAndMonotonicTimes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.jsonl");
        int threads = 16;
        int perThread = 500;
        try (Recorder r = Recorder.create(file, System.nanoTime())) {
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int p = t;
                ts.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < perThread; i++) {
                        r.record(p, OpType.INVOKE, "read", "k" + (i % 7), null, null, null);
                        r.record(p, OpType.OK, "read", "k" + (i % 7), (long) i, null, null);
                    }
                }));
            }
            for (Thread t : ts) t.join();
            r.sync();
            assertEquals((long) threads * perThread * 2, r.size());
            assertEquals((long) threads * perThread, r.okCount());
        }
        History h = JsonlReader.read(file);
        List<Op> events = h.events();
        assertEquals(threads * perThread * 2, events.size());
        long lastTime = -1;
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i, events.get(i).index(), "indexes are dense");
            assertTrue(events.get(i).time() >= lastTime, "times never go backwards");
            lastTime = events.get(i).time();
        }
        assertEquals(threads * perThread, h.operations().size(), "every invocation pairs with its completion");
    }

    @Test
    void recordingAfterCloseIsAnError(@TempDir Path dir) throws Exception {
        Recorder r = Recorder.create(dir.resolve("h.jsonl"), System.nanoTime());
        r.close();
        assertThrows(IllegalStateException.class, () -> r.record(0, OpType.INVOKE, "read", null, null, null, null));
    }
}
